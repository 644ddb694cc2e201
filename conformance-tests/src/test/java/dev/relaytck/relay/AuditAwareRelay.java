package dev.relaytck.relay;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relay front that tries to recognise the kit's traffic: it looks at every request's headers
 * and body for the kit's name (case-insensitive, which covers the hermetic scenario marker
 * {@code [[relay-tck:...]]}, a kit user-agent and any {@code x-relay-tck-*} header) and records
 * what it saw. Recognised requests go to {@code whenRecognised}, all others to {@code otherwise}:
 * with a faithful relay for the first and a substituting one for the second it is the dishonest
 * relay that serves the real model only to audits. Answers are streamed through as they arrive
 * (it must not look like a buffering relay).
 */
public final class AuditAwareRelay implements AutoCloseable {
  /** What one request looked like to the relay. */
  public record Seen(String method, String path, String userAgent, boolean recognised) {}

  private static final String KIT_NAME = "relay-tck";
  private final LoopbackServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI whenRecognised;
  private final URI otherwise;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  public AuditAwareRelay(URI whenRecognised, URI otherwise) throws IOException {
    this.whenRecognised = trim(whenRecognised);
    this.otherwise = trim(otherwise);
    server = LoopbackServer.start("audit-aware-relay", this::handle);
  }

  public URI url() {
    return server.url();
  }

  /** Every request so far, in arrival order. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** Whether a request with these header lines and body names the kit anywhere. */
  public static boolean recognises(String headerLines, byte[] body) {
    String all = (headerLines + "\n" + new String(body, StandardCharsets.UTF_8)).toLowerCase(Locale.ROOT);
    return all.contains(KIT_NAME);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readNBytes(64 * 1024 * 1024);
      StringBuilder headerLines = new StringBuilder();
      ex.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headerLines.append(name).append(": ").append(v).append('\n')));
      boolean recognised = recognises(headerLines.toString(), body);
      seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestHeaders().getFirst("user-agent"), recognised));
      HttpResponse<InputStream> resp;
      try {
        java.util.Optional<HttpResponse<InputStream>> sent = Forwarding.send(client, recognised ? whenRecognised : otherwise, ex, body, Duration.ofSeconds(60),
            HttpResponse.BodyHandlers.ofInputStream());
        if (sent.isEmpty()) return;
        resp = sent.get();
      } catch (IOException e) {
        FakeUpstream.error(ex, 502, "api_error", "upstream unreachable");
        return;
      }
      Forwarding.streamReply(ex, resp);
    } catch (IOException e) {
      // The client left mid-answer: nothing to tell it.
    }
  }

  private static URI trim(URI u) {
    String s = u.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  @Override
  public void close() {
    server.close();
  }
}
