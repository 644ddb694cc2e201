package dev.relaytck.relay;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;

/**
 * The faithful part the defect proxies share: the client's request sent on to the upstream, and
 * the upstream's answer sent back, hop-by-hop headers dropped both ways. Each proxy changes what
 * passes in between (its defect); this class never does.
 */
final class Forwarding {
  /** Headers that belong to one connection, not to the exchange. */
  static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host", "expect",
      "upgrade", "keep-alive", "date");

  private Forwarding() {}

  /** The client's request to {@code upstream} (same method, path, query and end-to-end headers) with {@code body}. */
  static HttpRequest request(URI upstream, HttpExchange ex, byte[] body, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI().toString()))
        .timeout(timeout)
        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((name, values) -> {
      if (!HOP.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> b.header(name, v));
    });
    return b.build();
  }

  /**
   * The client's request sent on to {@code upstream}; empty when the proxy was shut down meanwhile, after answering the
   * client a 502 in the API's error shape, so that no client waits on a proxy that is gone.
   */
  static <T> java.util.Optional<HttpResponse<T>> send(java.net.http.HttpClient client, URI upstream, HttpExchange ex, byte[] body,
      Duration timeout, HttpResponse.BodyHandler<T> handler) throws IOException {
    try {
      return java.util.Optional.of(client.send(request(upstream, ex, body, timeout), handler));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      FakeUpstream.error(ex, 502, "api_error", "interrupted");
      return java.util.Optional.empty();
    }
  }

  /** The upstream's end-to-end response headers onto the client's response (before its status is sent). */
  static void copyHeaders(HttpResponse<?> resp, HttpExchange ex) {
    resp.headers().map().forEach((name, values) -> {
      if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.equals(":status")) ex.getResponseHeaders().put(name, new ArrayList<>(values));
    });
  }

  /** The upstream's status, headers and body passed on to the client as each piece arrives (no buffering). */
  static void streamReply(HttpExchange ex, HttpResponse<java.io.InputStream> resp) throws IOException {
    copyHeaders(resp, ex);
    boolean empty = "HEAD".equals(ex.getRequestMethod()) || resp.statusCode() == 204 || resp.statusCode() == 304;
    ex.sendResponseHeaders(resp.statusCode(), empty ? -1 : 0);
    try (java.io.InputStream in = resp.body(); OutputStream o = ex.getResponseBody()) {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) >= 0; ) {
        o.write(buf, 0, n);
        o.flush();
      }
    }
  }

  /** The upstream's status and headers with {@code out} as the body, written to the client at once. */
  static void reply(HttpExchange ex, HttpResponse<?> resp, byte[] out) throws IOException {
    copyHeaders(resp, ex);
    ex.sendResponseHeaders(resp.statusCode(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    }
  }
}
