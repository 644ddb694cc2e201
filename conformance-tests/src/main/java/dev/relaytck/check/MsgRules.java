package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.MsgCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.schema.SchemaIssue;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.schema.WireType;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/** MSG: the non-streaming Message, by schema, by the scenario's invariants and (hermetic) against the recording. */
final class MsgRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MsgRules() {}

  static List<CheckEvaluator> all() {
    BiFunction<Scenario, RunContext, Optional<String>> nonStream =
        Applies.when(s -> Applies.successfulMessage(s) && !s.streaming(), "not a successful non-streaming message scenario");
    return List.of(
        new Rule(MsgCheck.MSG_010, nonStream, p -> onMessage(p, MsgCheck.MSG_010, MsgRules::schema)),
        new Rule(MsgCheck.MSG_020, nonStream, p -> onMessage(p, MsgCheck.MSG_020, MsgRules::extensions)),
        new Rule(MsgCheck.MSG_030, nonStream, p -> onMessage(p, MsgCheck.MSG_030, MsgRules::identity)),
        new Rule(MsgCheck.MSG_040, nonStream, p -> onMessage(p, MsgCheck.MSG_040, m -> model(p, m))),
        new Rule(MsgCheck.MSG_050, nonStream, p -> onMessage(p, MsgCheck.MSG_050, m -> stopReason(p, m))),
        new Rule(MsgCheck.MSG_060, nonStream, p -> onMessage(p, MsgCheck.MSG_060, m -> stopSequence(p, m))),
        new Rule(MsgCheck.MSG_070, nonStream, p -> onMessage(p, MsgCheck.MSG_070, MsgRules::usage)),
        new Rule(MsgCheck.MSG_080, Applies.hermetic(nonStream), p -> onMessage(p, MsgCheck.MSG_080,
            m -> sameAs(MsgCheck.MSG_080, "/usage", recorded(p).path("usage"), m.path("usage")))),
        new Rule(MsgCheck.MSG_090, Applies.hermetic(nonStream), p -> onMessage(p, MsgCheck.MSG_090,
            m -> sameAs(MsgCheck.MSG_090, "/content", withoutIds(recorded(p).path("content")), withoutIds(m.path("content"))))),
        new Rule(MsgCheck.MSG_100, nonStream, p -> onMessage(p, MsgCheck.MSG_100, m -> maxTokens(p, m))));
  }

  /** Runs {@code rule} on the response Message; no response or a non-JSON body is a violation of {@code check}. */
  private static Verdict onMessage(Probe p, Check check, Function<JsonNode, List<Violation>> rule) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(check, e).ifPresent(v::add);
    if (v.isEmpty()) {
      Optional<JsonNode> json = e.json();
      if (e.status() != 200) {
        v.add(Violation.of(check, Location.NONE, "the relay did not answer with a message: " + Responses.quote(e.excerpt(300)),
            200, e.status()));
      } else if (json.isEmpty() || !json.get().isObject()) {
        v.add(Violation.of(check, Location.byteOffset(0), "the body is not a JSON object", "a Message object",
            Responses.quote(e.excerpt(200))));
      } else {
        v.addAll(rule.apply(json.get()));
      }
    }
    return Verdict.of(v, "ok", context(e));
  }

  static JsonNode recorded(Probe p) {
    byte[] body = p.scenario().recording().response().body();
    try {
      return body == null ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static List<Violation> schema(JsonNode m) {
    List<Violation> v = new ArrayList<>();
    for (SchemaIssue i : WireSchemas.bundled().validate(WireType.MESSAGE, m)) {
      if (i.kind() == SchemaIssue.Kind.VIOLATION) v.add(Violation.of(MsgCheck.MSG_010, Location.pointer(i.pointer()), i.message()));
    }
    for (String field : List.of("id", "type", "role", "content", "model", "usage")) {
      if (!m.has(field)) v.add(Violation.of(MsgCheck.MSG_010, Location.pointer("/" + field), "a required field is missing", field, "absent"));
    }
    if (m.has("content") && !m.get("content").isArray()) {
      v.add(Violation.of(MsgCheck.MSG_010, Location.pointer("/content"), "content is not an array", "array", m.get("content").getNodeType()));
    }
    if (!m.has("stop_reason")) {
      v.add(Violation.of(MsgCheck.MSG_010, Location.pointer("/stop_reason"), "a required field is missing", "stop_reason", "absent"));
    }
    return v;
  }

  private static List<Violation> extensions(JsonNode m) {
    List<Violation> v = new ArrayList<>();
    for (SchemaIssue i : WireSchemas.bundled().validate(WireType.MESSAGE, m)) {
      if (i.kind() == SchemaIssue.Kind.EXTENSION) v.add(Violation.of(MsgCheck.MSG_020, Location.pointer(i.pointer()), i.message()));
    }
    return v;
  }

  private static List<Violation> identity(JsonNode m) {
    List<Violation> v = new ArrayList<>();
    // A non-empty string: its prefix (msg_) says which channel served it, evidence for the identity area, not conformance.
    JsonNode id = m.path("id");
    if (!id.isTextual() || id.asText().isEmpty()) {
      v.add(Violation.of(MsgCheck.MSG_030, Location.pointer("/id"), "the message has no id string", "a non-empty string",
          id.isMissingNode() ? "absent" : id));
    }
    if (!"message".equals(m.path("type").asText())) v.add(Violation.of(MsgCheck.MSG_030, Location.pointer("/type"), "wrong type", "\"message\"", m.path("type")));
    if (!"assistant".equals(m.path("role").asText())) v.add(Violation.of(MsgCheck.MSG_030, Location.pointer("/role"), "wrong role", "\"assistant\"", m.path("role")));
    return v;
  }

  private static List<Violation> model(Probe p, JsonNode m) {
    String requested = p.exchange().sentJson().map(b -> b.path("model").asText(null)).orElse(null);
    String actual = m.path("model").asText(null);
    Set<String> accepted = new LinkedHashSet<>();
    if (requested != null) {
      accepted.add(requested);
      accepted.add(p.config().mappedModel(requested));
    }
    if (p.config().hermetic()) {
      String rec = recorded(p).path("model").asText(null);
      if (rec != null) accepted.add(rec);
    }
    // A dated snapshot of a requested alias is the same model (claude-x-4-5 answered as claude-x-4-5-20250929).
    boolean ok = actual != null && accepted.stream().anyMatch(a -> actual.equals(a) || actual.matches(java.util.regex.Pattern.quote(a) + "-\\d{8}"));
    return ok ? List.of() : List.of(Violation.of(MsgCheck.MSG_040, Location.pointer("/model"),
        "the response names another model than the one requested (declare renames with --model-map)",
        String.join(" or ", accepted), actual == null ? "absent" : actual));
  }

  private static List<Violation> stopReason(Probe p, JsonNode m) {
    String actual = m.path("stop_reason").isTextual() ? m.get("stop_reason").asText() : null;
    Set<String> expected = new LinkedHashSet<>(p.scenario().expectations().stopReasons());
    if (p.config().hermetic()) {
      String rec = recorded(p).path("stop_reason").asText(null);
      if (rec != null) expected = Set.of(rec);
    }
    if (actual == null) {
      return List.of(Violation.of(MsgCheck.MSG_050, Location.pointer("/stop_reason"), "a complete message has no stop_reason",
          expected.isEmpty() ? "a stop reason" : String.join(" or ", expected), m.path("stop_reason")));
    }
    if (!expected.isEmpty() && !expected.contains(actual)) {
      return List.of(Violation.of(MsgCheck.MSG_050, Location.pointer("/stop_reason"), "the wrong stop_reason for this scenario",
          String.join(" or ", expected), actual));
    }
    return List.of();
  }

  private static List<Violation> stopSequence(Probe p, JsonNode m) {
    String reason = m.path("stop_reason").asText("");
    JsonNode seq = m.path("stop_sequence");
    List<String> declared = p.scenario().expectations().stopSequences();
    if (reason.equals("stop_sequence")) {
      if (!seq.isTextual() || !declared.contains(seq.asText())) {
        return List.of(Violation.of(MsgCheck.MSG_060, Location.pointer("/stop_sequence"),
            "stopped on a stop sequence but does not name one of the request's", "one of " + declared, seq.isMissingNode() ? "absent" : seq));
      }
    } else if (seq.isTextual()) {
      return List.of(Violation.of(MsgCheck.MSG_060, Location.pointer("/stop_sequence"),
          "stop_sequence is set although stop_reason is " + reason, "null", seq));
    }
    return List.of();
  }

  private static List<Violation> usage(JsonNode m) {
    List<Violation> v = new ArrayList<>();
    JsonNode u = m.path("usage");
    if (!u.isObject()) {
      v.add(Violation.of(MsgCheck.MSG_070, Location.pointer("/usage"), "usage is missing", "an object", u.isMissingNode() ? "absent" : u));
      return v;
    }
    for (String f : List.of("input_tokens", "output_tokens")) {
      JsonNode n = u.path(f);
      if (!n.isIntegralNumber() || n.asLong() < 0) {
        v.add(Violation.of(MsgCheck.MSG_070, Location.pointer("/usage/" + f), "a token count is missing or invalid",
            "an integer >= 0", n.isMissingNode() ? "absent" : n));
      }
    }
    return v;
  }

  private static List<Violation> maxTokens(Probe p, JsonNode m) {
    int max = p.exchange().sentJson().map(b -> b.path("max_tokens").asInt(-1)).orElse(-1);
    long out = m.path("usage").path("output_tokens").asLong(-1);
    if (max > 0 && out > max) {
      return List.of(Violation.of(MsgCheck.MSG_100, Location.pointer("/usage/output_tokens"),
          "more output tokens than the request's max_tokens", "<= " + max, out));
    }
    return List.of();
  }

  static List<Violation> sameAs(Check check, String base, JsonNode expected, JsonNode actual) {
    return JsonDiff.diff(check, base, expected, actual, "the recording", false);
  }

  /** Content blocks without their volatile ids, for comparison with the recording. */
  static JsonNode withoutIds(JsonNode content) {
    if (!content.isArray()) return content;
    ArrayNode copy = content.deepCopy();
    for (JsonNode b : copy) {
      if (b instanceof ObjectNode o) o.remove("id");
    }
    return copy;
  }
}
