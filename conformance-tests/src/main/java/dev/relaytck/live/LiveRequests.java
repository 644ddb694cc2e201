package dev.relaytck.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.AuthStyle;
import dev.relaytck.target.Credential;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.Secret;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a live run sends for a scenario. Recordings only shape live requests: the model is the
 * one the user names, every parameter stays within what that model accepts (a recorded
 * {@code max_tokens} above its output limit would earn the official 400 and fail a faithful
 * relay), and error scenarios provoke their error by the real cause, since a live upstream
 * injects nothing:
 * <ul>
 *   <li>400: the request without {@code max_tokens} (a required field);</li>
 *   <li>401: a credential no relay can accept;</li>
 *   <li>404: a model no one serves;</li>
 *   <li>413: a body above the official 32 MB limit (refused by size before any token is counted).</li>
 * </ul>
 * Errors that only the upstream's state causes (403, 429, 5xx, 529, an error event mid-stream)
 * cannot be provoked live: {@link #notProvokable} gives the reason their scenarios are skipped.
 */
public final class LiveRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A model name that no service serves (a 404 by a real cause); no kit name in it (docs/live.md). */
  public static final String UNKNOWN_MODEL = "claude-no-such-model-20990101";
  /** A credential no relay accepts: says what it is, looks like no real key. */
  public static final Secret INVALID_CREDENTIAL = Secret.of("invalid-credential-for-a-401-answer");
  /** Above the official Messages API request limit (32 MB). */
  public static final int OVERSIZE_BYTES = 33 * 1024 * 1024;
  /** The smallest thinking budget the API accepts. */
  static final int MIN_THINKING_BUDGET = 1024;

  private LiveRequests() {}

  /**
   * Why {@code scenario} cannot be reproduced against a live upstream, or empty when it can: its
   * error depends on the upstream's state (load, outages), which a client cannot cause.
   */
  public static Optional<String> notProvokable(Scenario scenario) {
    int status = scenario.recordedStatus();
    if (status == 403 || status == 429 || status >= 500) {
      return Optional.of("cannot be provoked live: the official API answers " + status
          + " only from its own state (permissions, load, outages), not from anything a request can carry;"
          + " run hermetic (--replay URL) to check how the relay passes it on");
    }
    if (scenario.streaming() && scenario.streamErrorType().isPresent()) {
      return Optional.of("cannot be provoked live: an error event mid-stream comes from the upstream's state (overload),"
          + " not from the request; run hermetic (--replay URL) to check how the relay passes it on");
    }
    return Optional.empty();
  }

  /** {@code built} (the scenario's request as recorded, model already replaced) made valid and real-cause for a live upstream. */
  public static ExchangeRequest shape(Scenario scenario, ExchangeRequest built, TargetConfig config, OptionalInt maxOutputTokens) {
    if (built.body() == null) return built;
    JsonNode parsed;
    try {
      parsed = JSON.readTree(built.body());
    } catch (IOException e) {
      return built;
    }
    if (!(parsed instanceof ObjectNode body) || !body.has("messages")) return built;
    maxOutputTokens.ifPresent(limit -> withinLimit(body, limit));
    ExchangeRequest out = built;
    switch (scenario.injected() ? 0 : scenario.recordedStatus()) {
      case 400 -> body.remove("max_tokens");
      case 404 -> body.put("model", UNKNOWN_MODEL);
      case 413 -> oversize(body);
      case 401 -> out = built.withCredential(Credential.of(
          config.authStyle() == AuthStyle.BEARER ? AuthStyle.BEARER : AuthStyle.API_KEY, INVALID_CREDENTIAL));
      default -> { }
    }
    try {
      return new ExchangeRequest(out.method(), out.pathAndQuery(), out.headers(), JSON.writeValueAsBytes(body), out.credential());
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a live request", e);
    }
  }

  /** Keeps {@code max_tokens} and the thinking budget within the model's output limit. */
  static void withinLimit(ObjectNode body, int limit) {
    if (!body.path("max_tokens").isIntegralNumber()) return;
    int max = Math.min(body.path("max_tokens").asInt(), limit);
    body.put("max_tokens", max);
    JsonNode thinking = body.path("thinking");
    if (thinking instanceof ObjectNode t && "enabled".equals(t.path("type").asText()) && t.path("budget_tokens").isIntegralNumber()) {
      int budget = t.path("budget_tokens").asInt();
      if (budget >= max) {
        // The API wants budget_tokens < max_tokens and at least 1024: halve what is left, never below the minimum.
        int fitted = Math.max(MIN_THINKING_BUDGET, max / 2);
        t.put("budget_tokens", fitted);
        if (fitted >= max) body.put("max_tokens", Math.min(limit, fitted + MIN_THINKING_BUDGET));
      }
    }
  }

  /** Adds a text block that takes the body above the official size limit. */
  private static void oversize(ObjectNode body) {
    JsonNode messages = body.path("messages");
    if (!(messages instanceof ArrayNode list) || list.isEmpty()) return;
    ObjectNode last = (ObjectNode) list.get(list.size() - 1);
    ArrayNode blocks = JSON.createArrayNode();
    JsonNode content = last.path("content");
    if (content.isTextual()) blocks.addObject().put("type", "text").put("text", content.asText());
    else if (content instanceof ArrayNode a) blocks.addAll(a);
    // Blocks of 1 MiB: JSON parsers limit the length of one string (Jackson to 20 MB), and a relay
    // that cannot parse the body would answer for the parser rather than for the size.
    String line = "This line repeats to make the request larger than the API accepts. ";
    String block = line.repeat((1 << 20) / line.length());
    for (int i = 0; i * block.length() <= OVERSIZE_BYTES; i++) blocks.insertObject(0).put("type", "text").put("text", block);
    last.set("content", blocks);
  }
}
