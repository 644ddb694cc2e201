package dev.relaytck.scenario;

import dev.relaytck.recordings.format.MarkerPlacement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.target.Credential;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.NeutralClient;
import dev.relaytck.target.TargetConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds what the kit sends for a scenario: the recording's request with the model overridden by
 * the target's model (live mode; a flag, never hard-coded). Hermetically the scenario marker is
 * appended to the text of the last user message (the replay upstream serves by it). Live, there is
 * no marker and the recorded client's user-agent is kept: a relay must not be able to tell the
 * kit's traffic from its users' and behave only for the kit (docs/live.md). The recorded client
 * headers that matter to the protocol (anthropic-version, anthropic-beta, accept-encoding) are
 * kept; transport and credential headers are not.
 */
public final class ScenarioRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The feature of the Claude Code profile's scenarios (recordings' ClaudeCodeRecordings.FEATURE). */
  public static final String CLAUDE_CODE = "claude-code";
  private static final Set<String> KEPT = Set.of("anthropic-version", "anthropic-beta", "accept", "accept-encoding");
  /** Kept live only: hermetic runs send what they always sent. */
  private static final String USER_AGENT = "user-agent";

  private ScenarioRequests() {}

  public static ExchangeRequest build(Scenario scenario, TargetConfig config, Marker marker) {
    RecordedRequest recorded = scenario.recording().request();
    JsonNode body = recorded.body();
    byte[] bytes = null;
    if (body != null && body.isObject()) {
      ObjectNode copy = body.deepCopy();
      if (config.model() != null && copy.has("model")) copy.put("model", config.model());
      if (config.hermetic() && copy.has("messages")) appendMarker(copy, marker);
      bytes = config.hermetic() ? write(copy) : unnamed(copy);
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
        boolean kept = allHeaders || KEPT.contains(n) || (!config.hermetic() && USER_AGENT.equals(n));
        if (!kept || values == null || values.isEmpty()) return;
        String value = String.join(", ", values);
        headers.put(n, config.hermetic() ? value : NeutralClient.headerValue(n, value));
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

  /**
   * Live: the body without the kit's name (the captured Claude Code session ran in a directory
   * named after the kit, and its paths are in the requests' text).
   */
  private static byte[] unnamed(JsonNode n) {
    byte[] bytes = write(n);
    String text = new String(bytes, StandardCharsets.UTF_8);
    return NeutralClient.namesKit(text) ? NeutralClient.unnamed(text).getBytes(StandardCharsets.UTF_8) : bytes;
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
