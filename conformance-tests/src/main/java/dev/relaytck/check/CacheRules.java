package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.CacheCheck;
import dev.relaytck.catalog.Location;
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

/**
 * CACHE: cache_control accepted and (hermetic) forwarded, the cache counters and the
 * cache_creation breakdown passed through (hermetic: equal to the recording; live: well formed),
 * and (live) a repeated cacheable prefix read from the cache.
 */
final class CacheRules {
  private static final List<String> COUNTERS = List.of("cache_creation_input_tokens", "cache_read_input_tokens");

  private CacheRules() {}

  static List<CheckEvaluator> all() {
    BiFunction<Scenario, RunContext, Optional<String>> marked = Applies.when(
        s -> Applies.successfulMessage(s) && !markers(Answers.request(s)).isEmpty(), "the scenario sends no cache_control");
    return List.of(
        new Rule(CacheCheck.CACHE_010, marked, p -> Answers.onMessage(p, CacheCheck.CACHE_010, (e, m) -> accepted(p, e))),
        new Rule(CacheCheck.CACHE_020, counters(), p -> Answers.onMessage(p, CacheCheck.CACHE_020, (e, m) -> counters(p, m))),
        new Rule(CacheCheck.CACHE_030, breakdown(), p -> Answers.onMessage(p, CacheCheck.CACHE_030, (e, m) -> breakdown(p, m))),
        new Rule(CacheCheck.CACHE_040, (s, run) -> run.config().hermetic()
            ? Optional.of("live only: the replay upstream answers from recordings and has no cache")
            : marked.apply(s, run).or(() -> recordedRead(s)
                ? Optional.empty() : Optional.of("the recording shows no cache read for this prefix (a first write, or a prefix too short to cache)")),
            CacheRules::repeated));
  }

  /** Hermetic: the recording reports cache tokens; live: the request asks for caching. */
  private static BiFunction<Scenario, RunContext, Optional<String>> counters() {
    return (s, run) -> {
      if (!Applies.successfulMessage(s)) return Optional.of("not a successful message scenario");
      if (run.config().hermetic()) {
        return recordedCaching(s) ? Optional.empty() : Optional.of("the recording reports no cache tokens");
      }
      return markers(Answers.request(s)).isEmpty() ? Optional.of("the scenario sends no cache_control") : Optional.empty();
    };
  }

  private static BiFunction<Scenario, RunContext, Optional<String>> breakdown() {
    return (s, run) -> {
      if (!Applies.successfulMessage(s)) return Optional.of("not a successful message scenario");
      if (run.config().hermetic()) {
        return Answers.recorded(s).map(m -> m.path("usage").path("cache_creation").isObject()).orElse(false)
            ? Optional.empty() : Optional.of("the recording has no usage.cache_creation");
      }
      return markers(Answers.request(s)).isEmpty() ? Optional.of("the scenario sends no cache_control") : Optional.empty();
    };
  }

  /** The recording shows the official API wrote or read the cache for this request. */
  private static boolean recordedCaching(Scenario s) {
    JsonNode u = Answers.recorded(s).map(m -> m.path("usage")).orElse(null);
    return u != null && COUNTERS.stream().anyMatch(c -> u.path(c).asLong(0) > 0);
  }

  /**
   * The recording shows the official API reading this prefix from a warm cache: sent twice, its
   * second answer must read too. (A recorded first write says nothing about the second call.)
   */
  private static boolean recordedRead(Scenario s) {
    return Answers.recorded(s).map(m -> m.path("usage").path("cache_read_input_tokens").asLong(0) > 0).orElse(false);
  }

  /** Every cache_control marker of {@code n}, by JSON pointer. */
  static Map<String, JsonNode> markers(JsonNode n) {
    Map<String, JsonNode> out = new TreeMap<>();
    collect(n, "", out);
    return out;
  }

  private static void collect(JsonNode n, String at, Map<String, JsonNode> out) {
    if (n.isObject()) {
      n.properties().forEach(f -> {
        if (f.getKey().equals("cache_control")) out.put(at + "/cache_control", f.getValue());
        else collect(f.getValue(), at + "/" + f.getKey(), out);
      });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) collect(n.get(i), at + "/" + i, out);
    }
  }

  /** Hermetic: every marker reached the upstream at the same place with the same value. */
  private static List<Violation> accepted(Probe p, Exchange e) {
    if (!p.config().hermetic()) return List.of();
    List<JournalEntry> entries = p.upstream(e);
    if (entries.isEmpty()) {
      return List.of(Violation.of(CacheCheck.CACHE_010, Location.NONE, "the request never reached the upstream (no journal entry for its marker)"));
    }
    Map<String, JsonNode> sent = markers(e.sentJson().orElseThrow());
    Map<String, JsonNode> up = entries.get(0).json().map(CacheRules::markers).orElse(Map.of());
    List<Violation> v = new ArrayList<>();
    sent.forEach((at, value) -> {
      JsonNode got = up.get(at);
      if (!value.equals(got)) {
        v.add(Violation.of(CacheCheck.CACHE_010, Location.pointer(at), "a cache_control marker did not reach the upstream "
            + (got == null ? "(removed)" : "unchanged"), value.toString(), got == null ? "absent" : got.toString()));
      }
    });
    return v;
  }

  private static List<Violation> counters(Probe p, JsonNode m) {
    JsonNode u = m.path("usage");
    List<Violation> v = new ArrayList<>();
    if (p.config().hermetic()) {
      JsonNode rec = Answers.recorded(p.scenario()).map(r -> r.path("usage")).orElse(null);
      for (String c : COUNTERS) {
        JsonNode want = rec == null ? null : rec.path(c);
        if (want != null && !want.isMissingNode() && !(u.path(c).isNumber() && u.path(c).asLong() == want.asLong())) {
          v.add(Violation.of(CacheCheck.CACHE_020, Location.pointer("/usage/" + c), "the cache counter differs from the upstream's",
              want.asLong(), u.path(c).isMissingNode() ? "absent" : u.path(c).toString()));
        }
      }
      return v;
    }
    for (String c : COUNTERS) {
      JsonNode n = u.path(c);
      if (!n.isMissingNode() && !n.isNull() && (!n.isIntegralNumber() || n.asLong() < 0)) {
        v.add(Violation.of(CacheCheck.CACHE_020, Location.pointer("/usage/" + c), "a cache counter is not a token count", "an integer >= 0", n.toString()));
      }
    }
    if (u.isObject() && COUNTERS.stream().allMatch(c -> u.path(c).isMissingNode())) {
      v.add(Violation.of(CacheCheck.CACHE_020, Location.pointer("/usage"), "a request with cache_control got no cache counters",
          String.join(" and ", COUNTERS), "absent"));
    }
    return v;
  }

  private static List<Violation> breakdown(Probe p, JsonNode m) {
    JsonNode cc = m.path("usage").path("cache_creation");
    if (p.config().hermetic()) {
      JsonNode want = Answers.recorded(p.scenario()).map(r -> r.path("usage").path("cache_creation")).orElse(null);
      if (want == null) return List.of();
      if (!cc.isObject()) {
        return List.of(Violation.of(CacheCheck.CACHE_030, Location.pointer("/usage/cache_creation"), "the cache_creation object was dropped",
            want.toString(), cc.isMissingNode() ? "absent" : cc.toString()));
      }
      return JsonDiff.diff(CacheCheck.CACHE_030, "/usage/cache_creation", want, cc, "the recording", false);
    }
    if (cc.isMissingNode() || cc.isNull()) return List.of();
    List<Violation> v = new ArrayList<>();
    long sum = 0;
    for (java.util.Map.Entry<String, JsonNode> f : cc.properties()) {
      if (!f.getValue().isIntegralNumber() || f.getValue().asLong() < 0) {
        v.add(Violation.of(CacheCheck.CACHE_030, Location.pointer("/usage/cache_creation/" + f.getKey()), "not a token count",
            "an integer >= 0", f.getValue().toString()));
      } else {
        sum += f.getValue().asLong();
      }
    }
    long total = m.path("usage").path("cache_creation_input_tokens").asLong(-1);
    if (v.isEmpty() && total >= 0 && sum != total) {
      v.add(Violation.of(CacheCheck.CACHE_030, Location.pointer("/usage/cache_creation"),
          "the breakdown does not add up to cache_creation_input_tokens", total, sum));
    }
    return v;
  }

  /** Live: the same cacheable prefix sent again is read from the cache. */
  private static Verdict repeated(Probe p) {
    Exchange first = p.exchange();
    List<Violation> v = new ArrayList<>(Answers.answered(CacheCheck.CACHE_040, first));
    if (!v.isEmpty()) return Verdict.of(v, "ok", Responses.context(first));
    Exchange second = p.variant("cache-repeat", r -> r);
    return Answers.onMessage(second, CacheCheck.CACHE_040, (e, m) -> {
      long read = m.path("usage").path("cache_read_input_tokens").asLong(0);
      long created = Answers.message(first).map(f -> f.path("usage").path("cache_creation_input_tokens").asLong(0)
          + f.path("usage").path("cache_read_input_tokens").asLong(0)).orElse(0L);
      if (read <= 0) {
        return List.of(Violation.of(CacheCheck.CACHE_040, Location.pointer("/usage/cache_read_input_tokens"),
            "the second identical cacheable request read nothing from the cache (the first created or read " + created + " tokens)",
            "> 0", read));
      }
      return List.of();
    });
  }
}
