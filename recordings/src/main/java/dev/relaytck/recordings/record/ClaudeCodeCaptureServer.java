package dev.relaytck.recordings.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relaytck.recordings.format.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPInputStream;

/**
 * A loopback stand-in for the Messages API that records every request the Claude Code CLI sends,
 * exactly as received (before any sanitising), and answers from a {@link CodingSessionScript}.
 *
 * <p>The JDK server is used rather than WireMock because the capture needs each request's body
 * before choosing the reply, and nothing else (no stubs, no journal queries); the replay upstream
 * is where WireMock serves recordings.
 */
public final class ClaudeCodeCaptureServer implements AutoCloseable {

  /** A request as received and what the script answered. */
  public record Exchange(RecordedRequest request, CodingSessionScript.Kind kind, int status) {}

  private final ObjectMapper json;
  private final CodingSessionScript script;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  public ClaudeCodeCaptureServer(ObjectMapper json, CodingSessionScript script) throws IOException {
    this.json = json;
    this.script = script;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        raw = new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
      }
      JsonNode body = parse(raw);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      RecordedRequest request =
          new RecordedRequest(method, path, exchange.getRequestURI().getRawQuery(), headers, body);

      CodingSessionScript.Reply reply = route(method, path, body);
      exchanges.add(new Exchange(request, reply.kind(), reply.status()));
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", reply.contentType());
      exchange.getResponseHeaders().add("request-id", String.format("req_01RelayTckCapture%06d", exchanges.size()));
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(reply.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(reply.status(), out.length);
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(out);
      }
    }
  }

  private CodingSessionScript.Reply route(String method, String path, JsonNode body) {
    if (method.equals("POST") && path.equals("/v1/messages") && body instanceof ObjectNode) {
      return script.reply(body, exchanges.size() + 1);
    }
    if (method.equals("POST") && path.equals("/v1/messages/count_tokens")) {
      return new CodingSessionScript.Reply(CodingSessionScript.Kind.COUNT_TOKENS, 200, "application/json",
          "{\"input_tokens\":2048}");
    }
    if (method.equals("GET") && path.equals("/v1/models")) {
      // Discovery is answered with an empty list: the CLI keeps its configured model, and the kit
      // names no model of its own.
      return new CodingSessionScript.Reply(CodingSessionScript.Kind.MODELS, 200, "application/json",
          "{\"data\":[],\"has_more\":false,\"first_id\":null,\"last_id\":null}");
    }
    if (method.equals("HEAD")) {
      return new CodingSessionScript.Reply(CodingSessionScript.Kind.PROBE, 200, "text/plain", "");
    }
    return new CodingSessionScript.Reply(CodingSessionScript.Kind.NOT_FOUND, 404, "application/json",
        "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"Not found: " + method + " " + path
            .replace("\"", "") + "\"}}");
  }

  private JsonNode parse(byte[] raw) {
    if (raw.length == 0) {
      return null;
    }
    try {
      return json.readTree(raw);
    } catch (IOException notJson) {
      return json.getNodeFactory().textNode(new String(raw, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
