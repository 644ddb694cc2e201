package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.EpCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** EP: count_tokens and unknown paths. */
final class EpRules {
  static final String UNKNOWN_PATH = "/v1/no-such-endpoint";

  private EpRules() {}

  /** count_tokens and GET /v1/models are optional for a relay: declaring them absent skips their checks, tolerated. */
  private static final Tolerance NO_COUNT_TOKENS = Tolerance.declaredAbsent("count-tokens", "count_tokens is optional in the protocol");
  private static final Tolerance NO_MODELS = Tolerance.declaredAbsent("models", "GET /v1/models is optional for a relay");

  static List<CheckEvaluator> all() {
    return List.of(
        NO_COUNT_TOKENS.gate(new Rule(EpCheck.EP_010, Applies.when(EpRules::countTokensScenario, "not a count_tokens scenario"),
            EpRules::countTokens)),
        new Rule(EpCheck.EP_050, Applies.primaryOnly(), EpRules::unknownPath),
        NO_COUNT_TOKENS.gate(new Rule(EpCheck.EP_020, Applies.and(Applies.when(EpRules::countTokensScenario, "not a count_tokens scenario"),
            EpRules::paired), EpRules::countAgrees)),
        NO_MODELS.gate(new Rule(EpCheck.EP_030, Applies.primaryOnly(), EpRules::modelList)),
        NO_MODELS.gate(new Rule(EpCheck.EP_040, Applies.primaryOnly(), EpRules::modelById)));
  }

  /** EP-020 tolerance (the catalog's text renders the same constants). */
  static final double TOKEN_TOLERANCE = dev.relaytck.catalog.Thresholds.EP_020_TOKEN_TOLERANCE;
  static final long TOKEN_SLACK = dev.relaytck.catalog.Thresholds.EP_020_TOKEN_SLACK;

  private static boolean countTokensScenario(dev.relaytck.scenario.Scenario s) {
    return "/v1/messages/count_tokens".equals(s.recording().request().path()) && s.recordedStatus() == 200;
  }

  /** The successful messages scenario sending the same conversation (model, system, messages, tools) as a count_tokens scenario. */
  static Optional<dev.relaytck.scenario.Scenario> pairOf(dev.relaytck.scenario.Scenario countTokens, dev.relaytck.check.RunContext run) {
    JsonNode key = conversation(countTokens.recording().request().body());
    return run.scenarios().all().stream()
        .filter(s -> Applies.successfulMessage(s) && conversation(s.recording().request().body()).equals(key))
        .findFirst();
  }

  private static JsonNode conversation(JsonNode body) {
    com.fasterxml.jackson.databind.node.ObjectNode k = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    for (String f : List.of("model", "system", "messages", "tools")) {
      if (body != null && body.has(f)) k.set(f, body.get(f));
    }
    return k;
  }

  private static Optional<String> paired(dev.relaytck.scenario.Scenario s, dev.relaytck.check.RunContext run) {
    return pairOf(s, run).isPresent() ? Optional.empty()
        : Optional.of("no messages scenario sends the same conversation (model, system, messages, tools) to compare usage with");
  }

  /** usage.input_tokens of a messages answer: the JSON body's, or message_start's in a stream. */
  static Optional<Long> inputTokens(Exchange e) {
    if (e.status() != 200) return Optional.empty();
    if (SseRules.looksLikeStream(e)) {
      for (dev.relaytck.sse.SseEvent ev : e.framing().events()) {
        Optional<JsonNode> d = SseRules.parse(ev.data());
        if (d.isPresent() && "message_start".equals(d.get().path("type").asText())) {
          JsonNode n = d.get().path("message").path("usage").path("input_tokens");
          return n.isIntegralNumber() ? Optional.of(n.asLong()) : Optional.empty();
        }
      }
      return Optional.empty();
    }
    JsonNode n = e.json().map(j -> j.path("usage").path("input_tokens")).orElse(null);
    return n != null && n.isIntegralNumber() ? Optional.of(n.asLong()) : Optional.empty();
  }

  private static Verdict countAgrees(Probe p) {
    Exchange e = p.exchange();
    dev.relaytck.scenario.Scenario pair = pairOf(p.scenario(), p.run()).orElseThrow();
    Exchange m = p.run().probe(pair).exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(EpCheck.EP_020, e).ifPresent(v::add);
    Optional<Long> counted = e.status() == 200
        ? e.json().map(j -> j.path("input_tokens")).filter(JsonNode::isIntegralNumber).map(JsonNode::asLong) : Optional.empty();
    Optional<Long> used = inputTokens(m);
    java.util.Map<String, Object> ctx = new java.util.LinkedHashMap<>(context(e));
    ctx.put("messagesExchange", m.summary());
    if (v.isEmpty() && (counted.isEmpty() || used.isEmpty())) {
      // Missing numbers are EP-010's and MSG-070's findings; nothing to compare.
      return Verdict.skip("nothing to compare: count_tokens answered " + counted.map(String::valueOf).orElse("no input_tokens")
          + ", scenario " + pair.id() + " answered " + used.map(String::valueOf).orElse("no usage.input_tokens"));
    }
    if (v.isEmpty()) {
      long diff = Math.abs(counted.get() - used.get());
      long allowed = Math.max(TOKEN_SLACK, Math.round(used.get() * TOKEN_TOLERANCE));
      if (diff > allowed) {
        v.add(Violation.of(EpCheck.EP_020, Location.pointer("/input_tokens"), "count_tokens disagrees with usage.input_tokens of "
            + pair.id() + " (the same conversation) by " + diff + " tokens, more than the " + allowed + " allowed",
            used.get() + " (+/- " + allowed + ")", counted.get()));
      }
    }
    return Verdict.of(v, "count_tokens " + counted.orElse(-1L) + " agrees with usage.input_tokens " + used.orElse(-1L)
        + " of " + pair.id(), ctx);
  }

  private static Verdict modelList(Probe p) {
    Exchange e = p.variant("models", r -> ExchangeRequest.get("/v1/models"));
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(EpCheck.EP_030, e).ifPresent(v::add);
    if (v.isEmpty() && e.status() != 200) {
      v.add(Violation.of(EpCheck.EP_030, Location.NONE, "GET /v1/models was not answered: " + Responses.quote(e.excerpt(160)), 200, e.status()));
    }
    JsonNode list = e.json().orElse(null);
    if (v.isEmpty()) {
      if (list == null || !list.isObject()) {
        v.add(Violation.of(EpCheck.EP_030, Location.NONE, "the body is not a JSON object", "{data, has_more, first_id, last_id}",
            Responses.quote(e.excerpt(120))));
      } else {
        if (!list.path("data").isArray()) {
          v.add(Violation.of(EpCheck.EP_030, Location.pointer("/data"), "no data array", "an array of model objects",
              list.has("object") ? "an OpenAI-style list (object: " + list.path("object").asText() + ")" : "absent"));
        }
        if (!list.path("has_more").isBoolean()) {
          v.add(Violation.of(EpCheck.EP_030, Location.pointer("/has_more"), "has_more missing", "true or false",
              list.has("has_more") ? list.get("has_more").toString() : "absent"));
        }
        for (String f : List.of("first_id", "last_id")) {
          if (!list.has(f) || !(list.get(f).isTextual() || list.get(f).isNull())) {
            v.add(Violation.of(EpCheck.EP_030, Location.pointer("/" + f), f + " missing", "a model id or null", "absent"));
          }
        }
        int i = 0;
        for (JsonNode m : list.path("data")) v.addAll(modelObject(EpCheck.EP_030, "/data/" + i++, m));
      }
    }
    return Verdict.of(v, "models listed in Anthropic's shape (" + (list == null ? 0 : list.path("data").size()) + ")", context(e));
  }

  private static List<Violation> modelObject(dev.relaytck.catalog.Check check, String at, JsonNode m) {
    List<Violation> v = new ArrayList<>();
    if (!"model".equals(m.path("type").asText(null))) {
      v.add(Violation.of(check, Location.pointer(at + "/type"), "not a model object", "model",
          m.has("type") ? m.get("type").asText() : m.has("object") ? "absent (OpenAI-style object: " + m.path("object").asText() + ")" : "absent"));
    }
    for (String f : List.of("id", "display_name", "created_at")) {
      if (!m.path(f).isTextual()) {
        v.add(Violation.of(check, Location.pointer(at + "/" + f), f + " missing or not a string", "a string",
            m.has(f) ? m.get(f).toString() : "absent"));
      }
    }
    return v;
  }

  private static Verdict modelById(Probe p) {
    Exchange list = p.variant("models", r -> ExchangeRequest.get("/v1/models"));
    String id = list.status() == 200 ? list.json().map(j -> j.path("data").path(0).path("id").asText(null)).orElse(null) : null;
    if (id == null) id = p.scenario().recording().model();
    if (id == null) return Verdict.skip("no model id to ask for: /v1/models listed none and the recording names none");
    String path = "/v1/models/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
    Exchange e = p.variant("model-by-id", r -> ExchangeRequest.get(path));
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(EpCheck.EP_040, e).ifPresent(v::add);
    if (v.isEmpty() && e.status() != 200) {
      v.add(Violation.of(EpCheck.EP_040, Location.NONE, "GET " + path + " was not answered: " + Responses.quote(e.excerpt(160)), 200, e.status()));
    }
    if (v.isEmpty()) {
      JsonNode m = e.json().orElse(null);
      if (m == null || !m.isObject()) {
        v.add(Violation.of(EpCheck.EP_040, Location.NONE, "the body is not a JSON object", "a model object", Responses.quote(e.excerpt(120))));
      } else {
        v.addAll(modelObject(EpCheck.EP_040, "", m));
        if (m.path("id").isTextual() && !id.equals(m.path("id").asText())) {
          v.add(Violation.of(EpCheck.EP_040, Location.pointer("/id"), "another model was returned", id, m.path("id").asText()));
        }
      }
    }
    return Verdict.of(v, "GET " + path + " answered that model", context(e));
  }

  private static Verdict countTokens(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(EpCheck.EP_010, e).ifPresent(v::add);
    if (v.isEmpty()) {
      Optional<JsonNode> json = e.json();
      JsonNode n = json.map(j -> j.path("input_tokens")).orElse(null);
      if (e.status() != 200) {
        v.add(Violation.of(EpCheck.EP_010, Location.NONE, "count_tokens was not answered: " + Responses.quote(e.excerpt(200)), 200, e.status()));
      } else if (n == null || !n.isIntegralNumber() || n.asLong() <= 0) {
        v.add(Violation.of(EpCheck.EP_010, Location.pointer("/input_tokens"), "no positive input_tokens",
            "{\"input_tokens\": n > 0}", Responses.quote(e.excerpt(200))));
      } else if (p.config().hermetic()) {
        long recorded = MsgRules.recorded(p).path("input_tokens").asLong(-1);
        if (recorded > 0 && recorded != n.asLong()) {
          v.add(Violation.of(EpCheck.EP_010, Location.pointer("/input_tokens"), "differs from the recording", recorded, n.asLong()));
        }
      }
    }
    return Verdict.of(v, "input_tokens answered", context(e));
  }

  private static Verdict unknownPath(Probe p) {
    Exchange e = p.variant("unknown-path", r -> ExchangeRequest.get(UNKNOWN_PATH));
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(EpCheck.EP_050, e).ifPresent(v::add);
    if (v.isEmpty()) {
      if (e.status() != 404) {
        v.add(Violation.of(EpCheck.EP_050, Location.NONE, "GET " + UNKNOWN_PATH + " got the wrong status", 404, e.status()));
      } else {
        v.addAll(Responses.errorShape(EpCheck.EP_050, e));
        String type = Responses.errorType(e);
        if (v.isEmpty() && !"not_found_error".equals(type)) {
          v.add(Violation.of(EpCheck.EP_050, Location.pointer("/error/type"), "the wrong error type", "not_found_error", type));
        }
      }
    }
    return Verdict.of(v, "404 not_found_error", context(e));
  }
}
