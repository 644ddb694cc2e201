package dev.relaytck.relay;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * An https endpoint on loopback answering every request with 401 (the SEC-070 probe sends no
 * credential), optionally with Strict-Transport-Security or a redirect to plain http.
 */
public final class HttpsTestRelay implements AutoCloseable {
  private final HttpsServer server;

  public HttpsTestRelay(SSLContext tls, boolean hsts, boolean redirectToHttp) throws IOException {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        if (hsts) ex.getResponseHeaders().set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        if (redirectToHttp) {
          ex.getResponseHeaders().set("Location", "http://localhost:" + server.getAddress().getPort() + ex.getRequestURI());
          ex.sendResponseHeaders(301, -1);
          return;
        }
        byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"x-api-key required\"}}".getBytes();
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(401, body.length);
        ex.getResponseBody().write(body);
      }
    });
    server.start();
  }

  public URI url() {
    return URI.create("https://localhost:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
