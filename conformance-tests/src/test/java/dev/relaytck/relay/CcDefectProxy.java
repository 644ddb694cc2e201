package dev.relaytck.relay;

import static dev.relaytck.relay.CcDefect.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A pass-through hop on loopback that applies {@link CcDefect}s: placed between the
 * {@link TestRelay} and the upstream, it gives the test relay the Claude Code defects without
 * changing it. With no defect it forwards requests and streams responses unchanged, event by event.
 */
public final class CcDefectProxy implements AutoCloseable {
  private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host", "expect",
      "upgrade", "keep-alive", "date");
  private static final Set<String> KNOWN_BETAS = Set.of("claude-code-20250219", "interleaved-thinking-2025-05-14");
  private static final long IDLE_LIMIT_MS = 1500;
  static final long SLOW_MS = 1200;

  private final LoopbackServer server;
  private final URI upstream;
  private final Set<CcDefect> defects;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public CcDefectProxy(URI upstream, Set<CcDefect> defects) throws IOException {
    this.upstream = upstream;
    this.defects = defects.isEmpty() ? EnumSet.noneOf(CcDefect.class) : EnumSet.copyOf(defects);
    server = LoopbackServer.start("cc-defect-proxy", this::handle);
  }

  public URI url() {
    return server.url();
  }

  private boolean on(CcDefect d) {
    return defects.contains(d);
  }

  private void handle(HttpExchange ex) throws IOException {
    // A Drop propagates: the JDK server then drops the connection without ending the chunked body.
    forward(ex);
    ex.close();
  }

  private void forward(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    String query = ex.getRequestURI().getRawQuery();
    if (method.equals("HEAD") && on(HEAD_FAILS)) {
      ex.sendResponseHeaders(502, -1);
      return;
    }
    if (path.equals("/v1/models") && on(REDIRECT_MODELS)) {
      ex.getResponseHeaders().set("location", "/models" + (query == null ? "" : "?" + query));
      ex.sendResponseHeaders(307, -1);
      return;
    }
    if (path.equals("/v1/messages/count_tokens") && on(NO_COUNT_TOKENS)) {
      send(ex, 404, "application/json", "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] body = rewriteRequest(ex.getRequestBody().readAllBytes());
    if (on(DROP_BETA_QUERY)) query = null;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + path + (query == null ? "" : "?" + query)))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((name, values) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (HOP.contains(n)) return;
      if (on(DROP_CLIENT_HEADERS) && (n.equals("x-app") || n.startsWith("x-claude-code-") || n.startsWith("x-stainless-")
          || n.equals("anthropic-dangerous-direct-browser-access"))) return;
      if (n.equals("anthropic-beta") && on(ALLOW_LIST_BETAS)) {
        String kept = Arrays.stream(String.join(",", values).split(",")).map(String::trim).filter(KNOWN_BETAS::contains)
            .collect(Collectors.joining(","));
        if (!kept.isEmpty()) b.header(name, kept);
        return;
      }
      values.forEach(v -> b.header(name, v));
    });
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (on(SLOW)) {
      try {
        Thread.sleep(SLOW_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (resp.statusCode() == 529 && on(REWRITE_OVERLOADED)) {
      resp.body().close();
      send(ex, 500, "application/json",
          "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    resp.headers().map().forEach((name, values) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (!HOP.contains(n) && !n.equals(":status")) ex.getResponseHeaders().put(name, new ArrayList<>(values));
    });
    String type = resp.headers().firstValue("content-type").orElse("");
    try (InputStream in = resp.body()) {
      if (type.startsWith("text/event-stream")) {
        stream(ex, resp.statusCode(), in);
      } else {
        byte[] bytes = in.readAllBytes();
        send(ex, resp.statusCode(), null, method.equals("HEAD") ? new byte[0] : rewriteResponse(path, resp.statusCode(), bytes));
      }
    }
  }

  private byte[] rewriteRequest(byte[] body) throws IOException {
    if (body.length == 0 || !(TestRecordings.JSON.readTree(body) instanceof ObjectNode o)) return body;
    if (on(MERGE_SYSTEM) && o.path("system") instanceof ArrayNode blocks) {
      StringBuilder text = new StringBuilder();
      blocks.forEach(block -> text.append(text.length() == 0 ? "" : "\n\n").append(block.path("text").asText()));
      o.put("system", text.toString());
    }
    if (on(DROP_UNKNOWN_FIELDS)) {
      o.remove("context_management");
      o.remove("output_config");
    }
    if (on(REWRITE_HAIKU_MODEL) && o.path("model").asText().contains("haiku")) o.put("model", "claude-opus-5-5");
    return TestRecordings.JSON.writeValueAsBytes(o);
  }

  private byte[] rewriteResponse(String path, int status, byte[] body) throws IOException {
    if (body.length == 0) return body;
    if (status >= 400 && on(OPENAI_ERROR_SHAPE)) {
      JsonNode j = TestRecordings.JSON.readTree(body);
      ObjectNode out = TestRecordings.JSON.createObjectNode();
      ObjectNode err = out.putObject("error");
      err.put("message", j.path("error").path("message").asText());
      err.put("type", j.path("error").path("type").asText());
      err.putNull("param");
      err.put("code", String.valueOf(status));
      return TestRecordings.JSON.writeValueAsBytes(out);
    }
    if (status >= 400 && on(REWRITE_ERROR_WORDING)) {
      JsonNode j = TestRecordings.JSON.readTree(body);
      if (j.path("error") instanceof ObjectNode err) err.put("message", "The upstream provider rejected the request.");
      return TestRecordings.JSON.writeValueAsBytes(j);
    }
    if (path.equals("/v1/messages/count_tokens") && status == 200 && on(COUNT_TOKENS_OTHER_SHAPE)) {
      JsonNode j = TestRecordings.JSON.readTree(body);
      return ("{\"prompt_tokens\":" + j.path("input_tokens").asInt() + "}").getBytes(StandardCharsets.UTF_8);
    }
    return body;
  }

  private void stream(HttpExchange ex, int status, InputStream in) throws IOException {
    if (on(BUFFER_STREAM)) {
      byte[] all = in.readAllBytes();
      ex.sendResponseHeaders(status, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(all);
      }
      return;
    }
    ex.sendResponseHeaders(status, 0);
    OutputStream out = ex.getResponseBody();
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (true) {
      int n = on(IDLE_TIMEOUT) ? readWithin(in, buf, IDLE_LIMIT_MS) : in.read(buf);
      if (n == -2) throw new FakeUpstream.Drop(); // idle too long: cut the client stream
      if (n < 0) break;
      pending.write(buf, 0, n);
      byte[] all = pending.toByteArray();
      int start = 0;
      int end;
      while ((end = indexOfBlankLine(all, start)) >= 0) {
        String event = new String(all, start, end + 2 - start, StandardCharsets.UTF_8);
        start = end + 2;
        if (on(BREAK_INPUT_JSON_DELTA) && brokenDelta(event)) continue;
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      pending.reset();
      pending.write(all, start, all.length - start);
    }
    out.write(pending.toByteArray());
    out.close();
  }

  /** An input_json_delta whose fragment is not JSON on its own: what a relay that parses every delta drops. */
  private static boolean brokenDelta(String event) {
    int data = event.indexOf("data: ");
    if (data < 0 || !event.contains("input_json_delta")) return false;
    try {
      String partial = TestRecordings.JSON.readTree(event.substring(data + 6).strip()).path("delta").path("partial_json").asText();
      TestRecordings.JSON.readTree(partial);
      return partial.isEmpty();
    } catch (IOException notJson) {
      return true;
    }
  }

  /** Reads with an idle limit: -2 when nothing arrived within {@code limitMs}. */
  private int readWithin(InputStream in, byte[] buf, long limitMs) throws IOException {
    Future<Integer> read = server.submit(() -> in.read(buf));
    try {
      return read.get(limitMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException idle) {
      read.cancel(true);
      return -2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  private static int indexOfBlankLine(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\n' && b[i + 1] == '\n') return i;
    }
    return -1;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    if (type != null) ex.getResponseHeaders().set("content-type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
