package dev.relaytck.relay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A streaming proxy on loopback in front of a relay, passing bytes through as they arrive
 * (each read forwarded and flushed at once) and applying one {@link TimingDefect}, or none.
 * Before a faithful {@link TestRelay} with 1-byte chunks it is the timing checks' defective
 * relay; with no defect it must pass every PERF and CTX check.
 */
public final class TimingProxy implements AutoCloseable {
  static final long FIXED_LATENCY_MS = 400;
  static final long CONCURRENT_LATENCY_MS = 1500;
  static final int BURST = 8;
  static final int PROMPT_EVENTS = 3;
  static final int FLAKY_EVERY = 10;
  static final long CAP_TOKENS = 32_000;
  static final int LONG_TEXT_CHARS = 100_000;

  private final LoopbackServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI upstream;
  private final TimingDefect defect;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  public TimingProxy(URI upstream, TimingDefect defect) throws IOException {
    this.upstream = upstream;
    this.defect = defect;
    server = LoopbackServer.start("timing-proxy", this::handle);
  }

  public URI url() {
    return server.url();
  }

  private void handle(HttpExchange ex) throws IOException {
    int concurrent = inFlight.incrementAndGet();
    try (ex) {
      forward(ex, concurrent);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void forward(HttpExchange ex, int concurrent) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    int n = requests.incrementAndGet();
    String beta = String.valueOf(ex.getRequestHeaders().getFirst("anthropic-beta"));
    switch (defect == null ? "" : defect.name()) {
      case "FIXED_LATENCY" -> FakeUpstream.sleep(FIXED_LATENCY_MS);
      case "LATENCY_UNDER_CONCURRENCY" -> {
        if (concurrent > 1) FakeUpstream.sleep(CONCURRENT_LATENCY_MS);
      }
      case "DROP_UNDER_CONCURRENCY" -> {
        if (concurrent > 2) {
          FakeUpstream.error(ex, 429, "rate_limit_error", "relay: too many concurrent requests");
          return;
        }
      }
      case "FLAKY" -> {
        // Only plain (non-streaming) requests: the streams stay whole, so only the error rate shows it.
        if (!new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("\"stream\":true") && n % FLAKY_EVERY == 0) {
          FakeUpstream.error(ex, 502, "api_error", "relay: bad gateway");
          return;
        }
      }
      case "CAP_32K" -> {
        if (body.length / 4 > CAP_TOKENS) {
          FakeUpstream.error(ex, 400, "invalid_request_error", "relay: prompt is too long (limit 32000 tokens)");
          return;
        }
      }
      case "REJECT_1M_BETA" -> {
        if (beta.contains("context-1m")) {
          FakeUpstream.error(ex, 400, "invalid_request_error", "relay: unsupported beta");
          return;
        }
      }
      case "TRIM_MIDDLE" -> {
        if (!counting(ex)) body = trimMiddle(body);
      }
      case "DROP_DOCUMENT_MIDDLE" -> {
        if (!counting(ex)) body = dropTextMiddle(body);
      }
      default -> { }
    }
    java.util.Optional<HttpResponse<InputStream>> sent = Forwarding.send(client, upstream, ex, body, Duration.ofSeconds(30),
        HttpResponse.BodyHandlers.ofInputStream());
    if (sent.isEmpty()) return;
    HttpResponse<InputStream> resp = sent.get();
    Forwarding.copyHeaders(resp, ex);
    ex.sendResponseHeaders(resp.statusCode(), 0);
    try (InputStream in = resp.body(); OutputStream out = ex.getResponseBody()) {
      if (defect == TimingDefect.COALESCE_EVENTS) {
        coalesce(in, out);
      } else {
        byte[] buf = new byte[8192];
        int r;
        while ((r = in.read(buf)) >= 0) {
          out.write(buf, 0, r);
          out.flush();
        }
      }
    }
  }

  /**
   * Passes the first {@link #PROMPT_EVENTS} events (through the first token) at once, then holds
   * whole events and writes them {@link #BURST} at a time (the rest at the end): the first token
   * is early, every later one late.
   */
  private static void coalesce(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream held = new ByteArrayOutputStream();
    int events = -PROMPT_EVENTS;
    int previous = -1;
    int c;
    while ((c = in.read()) >= 0) {
      held.write(c);
      if (c == '\n' && (previous == '\n')) {
        if (++events <= 0 || events % BURST == 0) {
          out.write(held.toByteArray());
          out.flush();
          held.reset();
        }
      }
      if (c != '\r') previous = c;
    }
    out.write(held.toByteArray());
    out.flush();
  }

  private static boolean counting(HttpExchange ex) {
    return ex.getRequestURI().getPath().endsWith("/count_tokens");
  }

  /** Cuts the middle third out of every long text (a string content or a text block) of the messages. */
  private static byte[] dropTextMiddle(byte[] body) throws IOException {
    if (body.length == 0 || !(TestRecordings.JSON.readTree(body) instanceof ObjectNode o)
        || !(o.get("messages") instanceof ArrayNode messages)) {
      return body;
    }
    for (com.fasterxml.jackson.databind.JsonNode m : messages) {
      if (!(m instanceof ObjectNode message)) continue;
      if (message.path("content").isTextual()) {
        message.put("content", cutMiddle(message.path("content").asText()));
      } else {
        for (com.fasterxml.jackson.databind.JsonNode b : message.path("content")) {
          if (b instanceof ObjectNode block && block.path("text").isTextual()) block.put("text", cutMiddle(block.path("text").asText()));
        }
      }
    }
    return TestRecordings.JSON.writeValueAsBytes(o);
  }

  private static String cutMiddle(String text) {
    if (text.length() <= LONG_TEXT_CHARS) return text;
    int third = text.length() / 3;
    return text.substring(0, third) + text.substring(2 * third);
  }

  /** Removes the middle third of the messages (an even number, so roles still alternate). */
  private static byte[] trimMiddle(byte[] body) throws IOException {
    if (body.length == 0 || !(TestRecordings.JSON.readTree(body) instanceof ObjectNode o)
        || !(o.get("messages") instanceof ArrayNode messages) || messages.size() <= 20) {
      return body;
    }
    int drop = (messages.size() / 3) & ~1;
    int from = (messages.size() - drop) / 2 & ~1;
    for (int i = 0; i < drop; i++) messages.remove(from);
    return TestRecordings.JSON.writeValueAsBytes(o);
  }

  @Override
  public void close() {
    server.close();
  }
}
