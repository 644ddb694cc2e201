package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.ReqCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * REQ: what the relay forwarded upstream, read from the replay
 * journal by the nonce of the kit's marker (hermetic). Credentials replaced by the relay's own
 * and added forwarding headers are never failures: only the body, path, query and the
 * protocol headers are compared.
 */
final class ReqRules {
  private ReqRules() {}

  static List<CheckEvaluator> all() {
    BiFunction<Scenario, RunContext, Optional<String>> authored = Forwarded.authored();
    List<CheckEvaluator> rules = new ArrayList<>();
    rules.add(new Rule(ReqCheck.REQ_010, authored, p -> on(p, ReqCheck.REQ_010, f -> body(p, f))));
    rules.add(new Rule(ReqCheck.REQ_020, authored, p -> on(p, ReqCheck.REQ_020, f -> fields(ReqCheck.REQ_020, f, "system"))));
    rules.add(new Rule(ReqCheck.REQ_030, authored, p -> on(p, ReqCheck.REQ_030, f -> fields(ReqCheck.REQ_030, f, "messages"))));
    rules.add(new Rule(ReqCheck.REQ_040, authored, p -> on(p, ReqCheck.REQ_040, f -> fields(ReqCheck.REQ_040, f, "tools", "tool_choice"))));
    rules.add(new Rule(ReqCheck.REQ_050, authored, p -> on(p, ReqCheck.REQ_050, f -> fields(ReqCheck.REQ_050, f, "thinking"))));
    rules.add(new Rule(ReqCheck.REQ_060, authored, p -> on(p, ReqCheck.REQ_060,
        f -> fields(ReqCheck.REQ_060, f, "max_tokens", "temperature", "top_p", "top_k", "stop_sequences"))));
    rules.add(new Rule(ReqCheck.REQ_070, authored, p -> on(p, ReqCheck.REQ_070, f -> fields(ReqCheck.REQ_070, f, "metadata"))));
    rules.add(new Rule(ReqCheck.REQ_080, authored, p -> on(p, ReqCheck.REQ_080, ReqRules::cacheControl)));
    rules.add(new Rule(ReqCheck.REQ_090, authored, p -> on(p, ReqCheck.REQ_090, f -> model(p, f))));
    // Only where there is something to observe: a query string to forward, non-ASCII text to keep.
    rules.add(new Rule(ReqCheck.REQ_100, Applies.and(authored, Applies.when(
        s -> s.recording().request().query() != null && !s.recording().request().query().isEmpty(),
        "the scenario's request has no query string")), p -> on(p, ReqCheck.REQ_100, f -> f.sameQuery(ReqCheck.REQ_100))));
    rules.add(new Rule(ReqCheck.REQ_110, Applies.and(authored, Applies.when(ReqRules::hasNonAscii,
        "the scenario's request carries no non-ASCII text")), p -> on(p, ReqCheck.REQ_110, ReqRules::unicode)));
    rules.add(new Rule(ReqCheck.REQ_120, Applies.and(authored, Applies.primaryOnly()), ReqRules::largeBody));
    rules.add(new Rule(ReqCheck.REQ_130, authored, p -> on(p, ReqCheck.REQ_130, f -> f.samePath(ReqCheck.REQ_130))));
    return rules;
  }

  /** REQ-120: the primary request with a ~3 MB image is forwarded whole and answered like the recording. */
  private static Verdict largeBody(Probe p) {
    Exchange e = p.variant("large-body", r -> new dev.relaytck.target.ExchangeRequest(r.method(), r.pathAndQuery(), r.headers(),
        dev.relaytck.scenario.LargeRequest.withImage(r.body()), r.credential()));
    String size = String.format(java.util.Locale.ROOT, "%.1f MB", e.sentBody().length / 1e6);
    List<Violation> v = new ArrayList<>();
    Map<String, Object> ctx = context(e);
    ctx.put("requestBytes", e.sentBody().length);
    Responses.noResponse(ReqCheck.REQ_120, e).ifPresent(v::add);
    int expected = p.scenario().recordedStatus();
    if (v.isEmpty() && e.status() != expected) {
      v.add(Violation.of(ReqCheck.REQ_120, Location.NONE, "a " + size + " request was answered " + e.status() + ": "
          + Responses.quote(e.excerpt(160)), expected, e.status()));
    }
    if (v.isEmpty()) {
      List<JournalEntry> entries = p.upstream(e);
      String sent = e.sentJson().flatMap(dev.relaytck.scenario.LargeRequest::imageOf).orElse("");
      if (entries.isEmpty()) {
        v.add(Violation.of(ReqCheck.REQ_120, Location.NONE, "the " + size + " request never reached the upstream; the relay answered: " + e.summary()));
      } else {
        String got = entries.get(0).json().flatMap(dev.relaytck.scenario.LargeRequest::imageOf).orElse("");
        if (!sent.equals(got)) {
          v.add(Violation.of(ReqCheck.REQ_120, Location.pointer("/messages/-1/content/0/source/data"),
              "the image of the " + size + " request arrived altered", sent.length() + " base64 characters, unchanged",
              got.isEmpty() ? "no image" : got.length() + " characters" + (got.length() == sent.length() ? ", different" : "")));
        }
      }
    }
    return Verdict.of(v, "a " + size + " request was forwarded whole and answered " + e.status(), ctx);
  }

  /** Runs {@code rule} on what reached the upstream; nothing reaching it is itself a violation. */
  private static Verdict on(Probe p, Check check, Function<Forwarded, List<Violation>> rule) {
    return Forwarded.on(p, check, rule);
  }

  static boolean hasNonAscii(Scenario s) {
    JsonNode body = s.recording().request().body();
    if (body == null) return false;
    Map<String, String> texts = new TreeMap<>();
    strings(body, "", texts);
    return texts.values().stream().anyMatch(t -> t.chars().anyMatch(c -> c >= 128));
  }

  private static List<Violation> body(Probe p, Forwarded f) {
    JsonNode sent = f.sent();
    JsonNode up = f.upstream().deepCopy();
    // The declared model map is the one permitted change.
    String model = sent.path("model").asText(null);
    if (model != null && up instanceof ObjectNode o && p.config().mappedModel(model).equals(up.path("model").asText(null))) {
      o.put("model", model);
    }
    return JsonDiff.diff(ReqCheck.REQ_010, "", sent, up, "the client's request", true);
  }

  private static List<Violation> fields(Check check, Forwarded f, String... names) {
    List<Violation> v = new ArrayList<>();
    for (String name : names) {
      v.addAll(JsonDiff.diff(check, "/" + name, f.sent().path(name), f.upstream().path(name), "the client's request", true));
    }
    return v;
  }

  private static List<Violation> cacheControl(Forwarded f) {
    Map<String, JsonNode> sent = new TreeMap<>();
    Map<String, JsonNode> up = new TreeMap<>();
    collect(f.sent(), "", "cache_control", sent);
    collect(f.upstream(), "", "cache_control", up);
    List<Violation> v = new ArrayList<>();
    sent.forEach((pointer, value) -> {
      JsonNode other = up.get(pointer);
      if (!value.equals(other)) {
        v.add(Violation.of(ReqCheck.REQ_080, Location.pointer(pointer), "a cache_control marker was " + (other == null ? "removed" : "changed"),
            value, other == null ? "absent" : other));
      }
    });
    up.forEach((pointer, value) -> {
      if (!sent.containsKey(pointer)) {
        v.add(Violation.of(ReqCheck.REQ_080, Location.pointer(pointer), "a cache_control marker was added", "absent", value));
      }
    });
    return v;
  }

  private static void collect(JsonNode n, String at, String key, Map<String, JsonNode> out) {
    if (n.isObject()) {
      n.fields().forEachRemaining(f -> {
        if (f.getKey().equals(key)) out.put(at + "/" + key, f.getValue());
        else collect(f.getValue(), at + "/" + f.getKey(), key, out);
      });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) collect(n.get(i), at + "/" + i, key, out);
    }
  }

  private static List<Violation> model(Probe p, Forwarded f) {
    String sent = f.sent().path("model").asText(null);
    String up = f.upstream().path("model").asText(null);
    String allowed = sent == null ? null : p.config().mappedModel(sent);
    if (sent != null && !sent.equals(up) && !allowed.equals(up)) {
      return List.of(Violation.of(ReqCheck.REQ_090, Location.pointer("/model"),
          "the relay sent another model upstream than the client asked for (declare renames with --model-map)",
          allowed.equals(sent) ? sent : sent + " or " + allowed, up == null ? "absent" : up));
    }
    return List.of();
  }

  private static List<Violation> unicode(Forwarded f) {
    Map<String, String> texts = new TreeMap<>();
    strings(f.sent(), "", texts);
    List<Violation> v = new ArrayList<>();
    texts.forEach((pointer, text) -> {
      if (text.chars().allMatch(c -> c < 128)) return;
      JsonNode up = f.upstream().at(pointer);
      if (!up.isTextual() || !up.asText().equals(text)) {
        v.add(Violation.of(ReqCheck.REQ_110, Location.pointer(pointer), "non-ASCII text was altered in transit",
            Responses.quote(text), up.isTextual() ? Responses.quote(up.asText()) : "absent"));
      }
    });
    return v;
  }

  private static void strings(JsonNode n, String at, Map<String, String> out) {
    if (n.isTextual()) out.put(at, n.asText());
    else if (n.isObject()) n.fields().forEachRemaining(f -> strings(f.getValue(), at + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), out));
    else if (n.isArray()) for (int i = 0; i < n.size(); i++) strings(n.get(i), at + "/" + i, out);
  }
}
