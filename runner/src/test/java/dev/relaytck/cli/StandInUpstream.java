package dev.relaytck.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A loopback stand-in for the official API: checks the credential as the API does, selects the
 * bundled recording by the scenario marker, and answers with it, streams with a real pause
 * between events. It also sends what the recorder must never write: a cookie, organisation and
 * workspace ids, and the caller's own key echoed in a header and in an error message.
 */
final class StandInUpstream implements AutoCloseable {
  static final String ORGANIZATION = "6f0e2c1a-93d4-4b7e-a1f2-0c9d8e7f6a5b";
  static final String WORKSPACE = "wrkspc_01StandInWorkspaceQx7";
  static final String COOKIE = "__cf_bm=Zq8vN3kLr2TbW9xYp1sDf4Gh6Jk.0Mn7-1763939999-1.0.1.1-StandInCookieValue";
  private static final Pattern MARKER = Pattern.compile("\\[\\[relay-tck:([a-z0-9-]+):([0-9a-f]{16})]]");
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection", "content-encoding");

  record Received(String path, Map<String, List<String>> headers, String body) {}

  private final Map<String, Recording> recordings =
      Recordings.bundled().stream().collect(Collectors.toMap(Recording::scenario, Function.identity()));
  private final String apiKey;
  private final String bearer;
  private final long pauseMs;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final List<Received> received = new CopyOnWriteArrayList<>();
  /** Scenario answered with this status instead of its recording's (an overloaded API). */
  volatile String overloaded;

  StandInUpstream(String apiKey, String bearer, long pauseMs) throws IOException {
    this.apiKey = apiKey;
    this.bearer = bearer;
    this.pauseMs = pauseMs;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()), body));
      String key = exchange.getRequestHeaders().getFirst("x-api-key");
      String authorization = exchange.getRequestHeaders().getFirst("authorization");
      boolean authorised = (apiKey != null && apiKey.equals(key)) || (bearer != null && ("Bearer " + bearer).equals(authorization));
      if (!authorised) {
        json(exchange, 401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
        return;
      }
      Matcher marker = MARKER.matcher(body);
      Recording recording = marker.find() ? recordings.get(marker.group(1)) : null;
      if (recording == null) {
        json(exchange, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"no marker\"}}");
        return;
      }
      if (recording.scenario().equals(overloaded)) {
        json(exchange, 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        return;
      }
      recording.response().headers().forEach((name, values) -> {
        if (!FRAMING.contains(name)) {
          values.forEach(v -> exchange.getResponseHeaders().add(name, v));
        }
      });
      exchange.getResponseHeaders().add("set-cookie", COOKIE + "; path=/; HttpOnly");
      exchange.getResponseHeaders().add("anthropic-organization-id", ORGANIZATION);
      exchange.getResponseHeaders().add("anthropic-workspace-id", WORKSPACE);
      exchange.getResponseHeaders().add("x-debug-echo", "key=" + (key != null ? key : authorization));
      if (recording.streaming()) {
        exchange.sendResponseHeaders(recording.response().status(), 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        for (RecordedEvent event : recording.response().events()) {
          sleep();
          out.write(event.bytes());
          out.flush();
        }
        out.close();
      } else {
        String text = new String(recording.response().body(), StandardCharsets.UTF_8);
        if (recording.response().status() == 400) {
          // A careless upstream quoting the caller's key in its error message.
          text = text.replaceFirst("\"message\"\\s*:\\s*\"", "\"message\":\"(sent with " + (key != null ? key : authorization) + ") ");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(recording.response().status(), bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(pauseMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
