package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.relaytck.recordings.format.Fault;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.scenario.Marker;
import dev.relaytck.scenario.ScenarioRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small stand-in for the replay upstream, for the kit's own tests until the replay server
 * lands: serves the recording a request's marker names (paced by the time scale), injects its
 * fault, and keeps a journal of what it received. Real HTTP on loopback.
 */
public final class FakeUpstream implements AutoCloseable {
  /** What the upstream received. */
  public record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {}

  /** Thrown inside the handler to make the JDK server drop the connection mid-body. */
  static final class Drop extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private final LoopbackServer server;
  private final Map<String, Recording> byScenario = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Received> journal = new CopyOnWriteArrayList<>();
  /** Live requests carry no marker: they are served by the recording whose request they are. */
  private final RecordedRequestIndex requests;
  private final double timeScale;

  public FakeUpstream(List<Recording> recordings, double timeScale) throws IOException {
    recordings.forEach(r -> byScenario.put(r.scenario(), r));
    requests = new RecordedRequestIndex(recordings);
    this.timeScale = timeScale;
    server = LoopbackServer.start("fake-upstream", this::handle);
  }

  public URI url() {
    return server.url();
  }

  public List<Received> journal() {
    return List.copyOf(journal);
  }

  private void handle(HttpExchange ex) throws IOException {
    if (ex.getRequestURI().getPath().startsWith("/__admin/relay-tck/journal/")) {
      journal(ex, ex.getRequestURI().getPath().substring("/__admin/relay-tck/journal/".length()));
      return;
    }
    if (ex.getRequestURI().getPath().startsWith("/v1/models")) {
      models(ex, ex.getRequestURI().getPath().substring("/v1/models".length()));
      return;
    }
    byte[] body = ex.getRequestBody().readAllBytes();
    journal.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
        Map.copyOf(ex.getRequestHeaders()), body));
    // As the replay upstream (and the official API): the kit's wrong-credential probe is refused.
    String auth = ex.getRequestHeaders().getFirst("authorization");
    String presented = ex.getRequestHeaders().getFirst("x-api-key") != null ? ex.getRequestHeaders().getFirst("x-api-key")
        : auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
    if (presented != null && dev.relaytck.recordings.format.ProbeCredentials.refused().contains(presented.strip())) {
      error(ex, 401, "authentication_error", "invalid x-api-key");
      return;
    }
    if ((presented == null || presented.isBlank()) && ex.getRequestURI().getPath().startsWith("/v1/")) {
      error(ex, 401, "authentication_error", "x-api-key header is required");
      return;
    }
    Optional<Marker> marker = Optional.empty();
    if (body.length > 0) {
      try {
        JsonNode json = TestRecordings.JSON.readTree(body);
        marker = ScenarioRequests.markerOf(json).or(() -> requests.scenarioOf(json).map(Marker::fresh));
      } catch (IOException e) {
        marker = Optional.empty();
      }
    }
    Recording r = marker.map(m -> byScenario.get(m.scenario())).orElse(null);
    if (r == null && body.length > 32 * 1024 * 1024) {
      // As the official API: a live 413 is provoked by size alone.
      error(ex, 413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
      return;
    }
    if (r == null) {
      boolean known = ex.getRequestURI().getPath().startsWith("/v1/messages");
      error(ex, known ? 400 : 404, known ? "invalid_request_error" : "not_found_error",
          known ? "no recording for this request" : "Not found");
      return;
    }
    // A fault suffix in the marker overrides the recording's, as on the replay upstream.
    Fault fault = marker.get().fault() != null ? dev.relaytck.recordings.format.FaultSpec.parse(marker.get().fault()) : r.fault();
    if (marker.get().fault() != null && "status".equals(fault.kind())) {
      dev.relaytck.recordings.format.AnthropicErrors.Reply reply =
          dev.relaytck.recordings.format.AnthropicErrors.reply(fault.status(), fault.errorType(), null);
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(reply.body());
      }
      return;
    }
    r.response().headers().forEach((k, v) -> ex.getResponseHeaders().put(k, v));
    if (fault != null && "status".equals(fault.kind())) {
      byte[] b = r.response().body();
      ex.sendResponseHeaders(fault.status(), b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
      return;
    }
    if (!r.streaming()) {
      byte[] b = r.response().body();
      ex.sendResponseHeaders(r.response().status(), b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
      return;
    }
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    long last = 0;
    List<RecordedEvent> events = r.response().events();
    for (int i = 0; i < events.size(); i++) {
      if (fault != null && i == fault.afterEvents()) {
        if ("error-event".equals(fault.kind())) {
          out.write(dev.relaytck.recordings.format.AnthropicErrors.errorEvent(fault.errorType()));
          out.flush();
          out.close();
          return;
        }
        if ("close".equals(fault.kind())) {
          out.flush();
          throw new Drop();
        }
      }
      RecordedEvent e = events.get(i);
      sleep((long) ((e.offsetMs() - last) * timeScale));
      last = e.offsetMs();
      out.write(e.bytes());
      out.flush();
    }
    out.close();
  }

  /** The replay upstream's journal route, same shape: {"nonce":..., "requests":[{method,url,headers,body}]}. */
  private void journal(HttpExchange ex, String nonce) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode out = TestRecordings.JSON.createObjectNode();
    out.put("nonce", nonce);
    com.fasterxml.jackson.databind.node.ArrayNode requests = out.putArray("requests");
    for (Received r : journal) {
      Optional<Marker> m = Optional.empty();
      try {
        m = r.body().length == 0 ? Optional.empty() : ScenarioRequests.markerOf(TestRecordings.JSON.readTree(r.body()));
      } catch (IOException e) {
        m = Optional.empty();
      }
      if (m.isEmpty() || !m.get().nonce().equals(nonce)) continue;
      com.fasterxml.jackson.databind.node.ObjectNode n = requests.addObject();
      n.put("method", r.method());
      n.put("url", r.path() + (r.query() == null ? "" : "?" + r.query()));
      com.fasterxml.jackson.databind.node.ObjectNode h = n.putObject("headers");
      r.headers().forEach((k, v) -> {
        com.fasterxml.jackson.databind.node.ArrayNode values = h.putArray(k);
        v.forEach(values::add);
      });
      n.put("body", new String(r.body(), StandardCharsets.UTF_8));
    }
    byte[] b = TestRecordings.JSON.writeValueAsBytes(out);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.sendResponseHeaders(200, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  /** GET /v1/models and /v1/models/{id}, like the replay upstream: derived from the recordings' models. */
  private void models(HttpExchange ex, String rest) throws IOException {
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    byScenario.values().forEach(r -> {
      if (r.model() != null) ids.add(r.model());
    });
    com.fasterxml.jackson.databind.node.ObjectNode out;
    if (rest.isEmpty() || rest.equals("/")) {
      out = TestRecordings.JSON.createObjectNode();
      com.fasterxml.jackson.databind.node.ArrayNode data = out.putArray("data");
      ids.forEach(id -> data.add(model(id)));
      out.put("has_more", false);
      out.put("first_id", ids.isEmpty() ? null : ids.first());
      out.put("last_id", ids.isEmpty() ? null : ids.last());
    } else if (ids.contains(rest.substring(1))) {
      out = model(rest.substring(1));
    } else {
      error(ex, 404, "not_found_error", "model: " + rest.substring(1));
      return;
    }
    byte[] b = TestRecordings.JSON.writeValueAsBytes(out);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.getResponseHeaders().set("request-id", "req_models");
    ex.sendResponseHeaders(200, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode model(String id) {
    com.fasterxml.jackson.databind.node.ObjectNode m = TestRecordings.JSON.createObjectNode();
    m.put("type", "model");
    m.put("id", id);
    m.put("display_name", id);
    m.put("created_at", "1970-01-01T00:00:00Z");
    return m;
  }

  static void error(HttpExchange ex, int status, String type, String message) throws IOException {
    byte[] b = ("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.getResponseHeaders().set("request-id", "req_upstream_error");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static void sleep(long ms) {
    if (ms <= 0) return;
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
