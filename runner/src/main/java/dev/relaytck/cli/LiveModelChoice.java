package dev.relaytck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.TargetClient;
import dev.relaytck.target.TargetConfig;
import dev.relaytck.target.TargetUnreachableException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model a live run requests and its output limit. Recordings were made with other models,
 * so live requests name the user's model: {@code --model}, else the first Claude model the
 * relay's {@code GET /v1/models} lists, else {@link #DEFAULT_MODEL}. The output limit comes from
 * {@code --max-output-tokens}, else the {@code max_tokens} that {@code /v1/models} gives for the
 * model, else {@link #DOCUMENTED_LIMITS} by family (docs/live.md). Reading {@code /v1/models}
 * costs no tokens, and a dry run reads it too, so it lists exactly what the run will send.
 *
 * @param source where the model and the limit came from, for the console
 */
record LiveModelChoice(String model, int maxOutputTokens, String source) {
  /** Requested when neither --model nor the relay's model list names one; --model overrides it. */
  static final String DEFAULT_MODEL = "claude-sonnet-4-5";
  /**
   * Output limits by family word when {@code /v1/models} gives none: the smallest limit of the
   * family's current models, so a live request is never refused for {@code max_tokens}.
   */
  static final Map<String, Integer> DOCUMENTED_LIMITS = documented();
  /** For a model of no known family: what every current model accepts. */
  static final int FALLBACK_LIMIT = 4_096;

  private static Map<String, Integer> documented() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("opus", 32_000);
    m.put("sonnet", 64_000);
    m.put("haiku", 8_192);
    return Map.copyOf(m);
  }

  /** Puts the model and its limit into the suite's parameters and returns the choice. */
  static LiveModelChoice resolve(Map<String, String> parameters, String requested, Integer maxOutputFlag) {
    return resolve(parameters, requested, "--model", maxOutputFlag);
  }

  /** As above, {@code requested} coming from {@code requestedSource} (the flag, or the reference's model). */
  static LiveModelChoice resolve(Map<String, String> parameters, String requested, String requestedSource, Integer maxOutputFlag) {
    if (maxOutputFlag != null && maxOutputFlag < 1) throw new UsageException("--max-output-tokens must be at least 1, got " + maxOutputFlag);
    Optional<JsonNode> listed = Optional.empty();
    String listing = "GET /v1/models";
    if (requested == null || maxOutputFlag == null) {
      try {
        // A metadata read: short timeouts, so a relay that does not answer it costs seconds, not minutes.
        Map<String, String> quick = new java.util.HashMap<>(parameters);
        quick.putIfAbsent(TargetConfig.TIMEOUT_HEADERS, "10000");
        quick.putIfAbsent(TargetConfig.TIMEOUT_TOTAL, "20000");
        TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(quick.get(k)), Map.of());
        Exchange e = new TargetClient(config).send("live-model", ExchangeRequest.get("/v1/models?limit=1000"));
        if (e.status() == 200) listed = e.json().filter(j -> j.path("data").isArray());
        else listing = "GET /v1/models answered " + (e.status() < 0 ? "nothing (" + e.summary() + ")" : e.status());
      } catch (TargetUnreachableException | TargetConfig.ConfigException e) {
        listing = "GET /v1/models failed (" + e.getMessage() + ")";
      }
    }
    String model = requested;
    String modelSource = requestedSource;
    if (model == null) {
      Optional<String> first = listed.flatMap(LiveModelChoice::firstClaude);
      model = first.orElse(DEFAULT_MODEL);
      modelSource = first.isPresent() ? "the first Claude model of GET /v1/models"
          : "the documented default (" + (listed.isPresent() ? "GET /v1/models lists no Claude model" : listing) + ")";
    }
    int limit;
    String limitSource;
    String m = model;
    Optional<Integer> listedLimit = listed.flatMap(j -> limitOf(j, m));
    if (maxOutputFlag != null) {
      limit = maxOutputFlag;
      limitSource = "--max-output-tokens";
    } else if (listedLimit.isPresent()) {
      limit = listedLimit.get();
      limitSource = "max_tokens of GET /v1/models";
    } else {
      limit = documentedLimit(model);
      limitSource = "the documented table (docs/live.md; --max-output-tokens overrides)";
    }
    parameters.put(TargetConfig.MODEL, model);
    parameters.put(EvidenceSettings.MAX_OUTPUT_TOKENS, Integer.toString(limit));
    return new LiveModelChoice(model, limit, modelSource + "; output limit " + limit + " from " + limitSource);
  }

  static Optional<String> firstClaude(JsonNode list) {
    for (JsonNode m : list.path("data")) {
      String id = m.path("id").asText("");
      if (id.toLowerCase(Locale.ROOT).startsWith("claude")) return Optional.of(id);
    }
    return Optional.empty();
  }

  static Optional<Integer> limitOf(JsonNode list, String model) {
    for (JsonNode m : list.path("data")) {
      if (m.path("id").asText("").equals(model) && m.path("max_tokens").isIntegralNumber() && m.path("max_tokens").asInt() > 0) {
        return Optional.of(m.path("max_tokens").asInt());
      }
    }
    return Optional.empty();
  }

  static int documentedLimit(String model) {
    String name = model.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Integer> e : DOCUMENTED_LIMITS.entrySet()) {
      if (name.contains(e.getKey())) return e.getValue();
    }
    return FALLBACK_LIMIT;
  }
}
