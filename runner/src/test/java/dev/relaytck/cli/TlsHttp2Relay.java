package dev.relaytck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.proxy.AsyncProxyServlet;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A faithful relay that speaks HTTP/2 over TLS (ALPN offers h2 and http/1.1), on loopback with a
 * certificate made for the test: Jetty's transparent streaming proxy (which WireMock already
 * brings) in front of an upstream. What a relay behind an HTTP/2 CDN looks like to a client.
 */
final class TlsHttp2Relay implements AutoCloseable {
  private final Server server;
  private final Path caCert;

  private TlsHttp2Relay(Server server, Path caCert) {
    this.server = server;
    this.caCert = caCert;
  }

  /** Starts the relay in front of {@code upstream}; its certificate (for --ca-cert) is written into {@code dir}. */
  static TlsHttp2Relay start(String upstream, Path dir) throws Exception {
    Path keystore = dir.resolve("relay.p12");
    Path cert = dir.resolve("relay-ca.pem");
    keytool("-genkeypair", "-alias", "relay", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "relaytck", "-keypass", "relaytck");
    keytool("-exportcert", "-rfc", "-alias", "relay", "-keystore", keystore.toString(), "-storepass", "relaytck",
        "-file", cert.toString());

    Server server = new Server();
    HttpConfiguration https = new HttpConfiguration();
    https.addCustomizer(new SecureRequestCustomizer(false));
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(keystore.toString());
    tls.setKeyStorePassword("relaytck");
    tls.setKeyStoreType("PKCS12");
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
    HttpConnectionFactory http11 = new HttpConnectionFactory(https);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
    alpn.setDefaultProtocol("http/1.1");
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    ServletHolder proxy = new ServletHolder(new AsyncProxyServlet.Transparent());
    proxy.setInitParameter("proxyTo", upstream);
    proxy.setInitParameter("timeout", "120000");
    context.addServlet(proxy, "/*");
    server.setHandler(context);
    server.start();
    return new TlsHttp2Relay(server, cert);
  }

  String url() {
    return "https://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  Path caCert() {
    return caCert;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
