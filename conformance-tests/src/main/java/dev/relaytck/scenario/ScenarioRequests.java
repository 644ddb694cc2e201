package dev.relaytck.scenario;

import dev.relaytck.recordings.format.MarkerPlacement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.target.Credential;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.TargetConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds what the kit sends for a scenario: the recording's request with the scenario marker
 * appended to the text of the last user message and the model overridden by the target's
 * model (live mode; a flag, never hard-coded). The recorded client headers that matter to the
 * protocol (anthropic-version, anthropic-beta, accept-encoding) are kept; transport and
 * credential headers are not.
 */
public final class ScenarioRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The feature of the Claude Code profile's scenarios (recordings' ClaudeCodeRecordings.FEATURE). */
  public static final String CLAUDE_CODE = "claude-code";
  private static final Set<String> KEPT = Set.of("anthropic-version", "anthropic-beta", "accept", "accept-encoding");

  private ScenarioRequests() {}

  public static ExchangeRequest build(Scenario scenario, TargetConfig config, Marker marker) {
    RecordedRequest recorded = scenario.recording().request();
    JsonNode body = recorded.body();
    byte[] bytes = null;
    if (body != null && body.isObject()) {
      ObjectNode copy = body.deepCopy();
      if (config.model() != null && copy.has("model")) copy.put("model", config.model());
      if (copy.has("messages")) appendMarker(copy, marker);
      bytes = write(copy);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (bytes != null) headers.put("content-type", "application/json");
    headers.put("anthropic-version", "2023-06-01");
    // A Claude Code scenario sends every header the CLI sent (x-app, X-Stainless-*, the session id):
    // forwarding them is what the claude-code profile checks. Its recording already left out credentials.
    boolean allHeaders = scenario.has(CLAUDE_CODE);
    if (recorded.headers() != null) {
      recorded.headers().forEach((name, values) -> {
        String n = name.toLowerCase(Locale.ROOT);
        if ((allHeaders || KEPT.contains(n)) && values != null && !values.isEmpty()) headers.put(n, String.join(", ", values));
      });
    }
    String path = recorded.path() == null ? "/v1/messages" : recorded.path();
    String query = recorded.query() == null || recorded.query().isEmpty() ? "" : "?" + recorded.query();
    return new ExchangeRequest(recorded.method() == null ? "POST" : recorded.method(), path + query, headers, bytes,
        Credential.TARGET);
  }

  /** Appends {@code marker} to the last text of the last user message (a new text block when it has none). */
  static void appendMarker(ObjectNode body, Marker marker) {
    MarkerPlacement.append(body, marker.text());
  }

  private static byte[] write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a scenario request", e);
    }
  }

  /** The marker carried by a request body the kit (or anyone) sent, if any. */
  public static java.util.Optional<Marker> markerOf(JsonNode body) {
    JsonNode messages = body == null ? null : body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) return java.util.Optional.empty();
    StringBuilder text = new StringBuilder();
    for (JsonNode m : messages) {
      JsonNode c = m.path("content");
      if (c.isTextual()) text.append(c.asText()).append('\n');
      for (JsonNode b : c) text.append(b.path("text").asText("")).append('\n');
    }
    return Marker.find(text.toString());
  }

  static List<String> keptHeaders() {
    return List.copyOf(KEPT);
  }
}
