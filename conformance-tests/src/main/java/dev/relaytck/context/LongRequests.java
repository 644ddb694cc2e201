package dev.relaytck.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.MarkerPlacement;
import dev.relaytck.scenario.Marker;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A long request built on a successful non-streaming scenario: its model, settings and headers,
 * with the given messages instead of its own and its marker (hermetic) appended to the last
 * user message, so the replay upstream answers it with that scenario's recording and the
 * journal finds it by nonce.
 */
public final class LongRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LongRequests() {}

  public static ExchangeRequest messages(Scenario base, TargetConfig config, ArrayNode messages, String beta) {
    return build(base, config, messages, beta, base.recording().request().path());
  }

  /** The same body for {@code POST /v1/messages/count_tokens} (no max_tokens, no stream). */
  public static ExchangeRequest countTokens(ExchangeRequest messages) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(messages.body());
      ObjectNode count = JSON.createObjectNode();
      count.set("model", body.get("model"));
      if (body.has("system")) count.set("system", body.get("system"));
      if (body.has("tools")) count.set("tools", body.get("tools"));
      count.set("messages", body.get("messages"));
      Map<String, String> headers = new LinkedHashMap<>(messages.headers());
      headers.remove("accept-encoding");
      return new ExchangeRequest("POST", "/v1/messages/count_tokens", headers,
          JSON.writeValueAsString(count).getBytes(StandardCharsets.UTF_8), messages.credential());
    } catch (IOException e) {
      throw new IllegalStateException("cannot rebuild a request the kit wrote", e);
    }
  }

  private static ExchangeRequest build(Scenario base, TargetConfig config, ArrayNode messages, String beta, String path) {
    Marker marker = base.freshMarker();
    ExchangeRequest r = ScenarioRequests.build(base, config, marker);
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(r.body());
      body.set("messages", messages.deepCopy());
      if (config.hermetic()) MarkerPlacement.append(body, marker.text());
      Map<String, String> headers = new LinkedHashMap<>(r.headers());
      // The answer is small; the kit reads it uncompressed so its size limits stay simple.
      headers.remove("accept-encoding");
      if (beta != null) headers.merge("anthropic-beta", beta, (a, b) -> a + "," + b);
      return new ExchangeRequest("POST", path == null ? "/v1/messages" : path, headers,
          JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), r.credential());
    } catch (IOException e) {
      throw new IllegalStateException("cannot rebuild a request the kit wrote", e);
    }
  }

  /** The messages of a request body the kit sent or the upstream received; null when absent. */
  public static JsonNode messagesOf(byte[] body) {
    try {
      return body == null ? null : JSON.readTree(body).get("messages");
    } catch (IOException e) {
      return null;
    }
  }
}
