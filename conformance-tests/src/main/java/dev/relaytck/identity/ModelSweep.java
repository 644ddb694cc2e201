package dev.relaytck.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code --models A,B|all}: one relay often routes different models to different backends, so
 * the channel, token-count and signature evidence is gathered per model. Per model: one short
 * request (its channel, and its usage against count_tokens for the same request: the official API
 * counts both alike, so an injected system prompt or another tokenizer behind one model shows)
 * and the signature round trip. {@code all} reads the relay's /v1/models and keeps Claude models.
 */
public final class ModelSweep {
  /** One row of the report per model. */
  public record Row(String model, String channel, List<String> signals, long usageInputTokens, long countTokens,
      String signature, String signatureDetail) {
    /** Both counts known and different. */
    public boolean countsDiffer() {
      return usageInputTokens >= 0 && countTokens >= 0 && usageInputTokens != countTokens;
    }

    public Map<String, Object> figures() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model);
      m.put("channel", channel);
      m.put("signals", signals);
      m.put("usageInputTokens", usageInputTokens);
      m.put("countTokens", countTokens);
      m.put("signature", signature);
      return m;
    }
  }

  private ModelSweep() {}

  /** The models of {@code setting}: a comma-separated list, or {@code all} for every Claude model the relay lists. */
  public static List<String> models(String setting, Function<ExchangeRequest, Exchange> send) {
    if (!setting.strip().equalsIgnoreCase("all")) {
      return java.util.Arrays.stream(setting.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
    Exchange e = send.apply(ExchangeRequest.get("/v1/models?limit=100"));
    List<String> out = new ArrayList<>();
    for (JsonNode m : e.json().map(j -> j.path("data")).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
      String id = m.path("id").asText("");
      if (id.toLowerCase(Locale.ROOT).contains("claude")) out.add(id);
    }
    return out;
  }

  public static List<Row> sweep(List<String> models, Function<ExchangeRequest, Exchange> send) {
    List<Row> rows = new ArrayList<>();
    for (String model : models) {
      String body = ProbeSuite.body(model, 40, 1.0, "Name three colours of the rainbow, comma-separated.", null);
      Exchange e = send.apply(ExchangeRequest.postJson("/v1/messages", body));
      ChannelSignals.Attribution a = e.status() == 200 ? ChannelSignals.classify(e.headers(), e.body())
          : new ChannelSignals.Attribution(Channel.UNKNOWN, List.of());
      long usage = e.status() == 200 ? e.json().map(j -> j.at("/usage/input_tokens").asLong(-1)).orElse(-1L) : -1;
      Exchange c = send.apply(ExchangeRequest.postJson("/v1/messages/count_tokens", Sampler.countBody(body, model)));
      long counted = c.status() == 200 ? c.json().map(j -> j.path("input_tokens").asLong(-1)).orElse(-1L) : -1;
      SignatureRoundTrip.Result s = SignatureRoundTrip.run(send, model);
      rows.add(new Row(model, e.status() == 200 ? a.channel().label() : "unknown (HTTP " + e.status() + ")", a.describe(), usage,
          counted, s.status().name().toLowerCase(Locale.ROOT), s.detail()));
    }
    return rows;
  }
}
