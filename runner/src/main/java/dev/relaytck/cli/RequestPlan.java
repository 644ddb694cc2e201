package dev.relaytck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.ExchangeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * The requests a run will send, worked out before sending any: one per scenario some selected
 * check applies to, plus one per credential or endpoint probe (AUTH and EP checks send a variant
 * of their scenario's request). Tokens come from the recordings' own usage, which is what the
 * official API billed for that request when it was recorded.
 */
record RequestPlan(List<Planned> requests) {
  /**
   * @param repeats how many times it is sent (the scenario's own request plus its probes)
   * @param inputTokens input tokens per send (cache writes and reads included), from the recording's usage
   */
  record Planned(String method, String path, String scenario, String model, int bytes, int repeats,
      long inputTokens, long cacheWriteTokens, long cacheReadTokens, long outputTokens) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The variants of a scenario's request each check sends (Probe.variant names): credential
   * probes, endpoint probes, repeats, follow-ups, and the live usage checks' count_tokens
   * requests (named count-*, billed nothing). Shared names are sent once per scenario.
   */
  static final Map<String, List<String>> VARIANTS = Map.ofEntries(
      Map.entry("AUTH-010", List.of("auth-api-key")),
      Map.entry("AUTH-020", List.of("auth-bearer")),
      Map.entry("AUTH-030", List.of("auth-none")),
      Map.entry("AUTH-040", List.of("auth-wrong")),
      Map.entry("AUTH-050", List.of("auth-wrong")),
      Map.entry("EP-030", List.of("models")),
      Map.entry("EP-040", List.of("models", "model-by-id")),
      Map.entry("EP-050", List.of("unknown-path")),
      Map.entry("CACHE-040", List.of("cache-repeat")),
      Map.entry("BILL-010", List.of("count-bill-tokens")),
      Map.entry("BILL-030", List.of("cache-repeat")),
      Map.entry("THINK-030", List.of("thinking-sent-back")),
      Map.entry("REQ-120", List.of("large-body")),
      Map.entry("CC-060", List.of("pause")),
      Map.entry("CC-090", List.of("models-1000")),
      Map.entry("CC-100", List.of("head/", "head/api/hello")),
      Map.entry("CC-130", List.of("stall")),
      Map.entry("MSG-110", List.of("count-tokens")),
      Map.entry("MSG-120", List.of("count-output", "count-baseline")));

  /** Variants that are endpoint reads (GET/HEAD): sent, but billed nothing. */
  static final java.util.Set<String> FREE_VARIANTS = java.util.Set.of("models", "model-by-id", "unknown-path", "models-1000",
      "head/", "head/api/hello");

  /** Checks that read only their variants, never the scenario's own exchange. */
  static final java.util.Set<String> VARIANTS_ONLY = java.util.Set.of("AUTH-010", "AUTH-020", "AUTH-030", "AUTH-040",
      "EP-030", "EP-040", "EP-050", "CC-090", "CC-100");

  static RequestPlan of(List<Check> selected, RunContext run) {
    List<Scenario> scenarios = run.scenarios().all();
    Map<Check, List<Scenario>> applies = new LinkedHashMap<>();
    for (Check c : selected) {
      if (!Evaluators.implemented(c)) continue;
      List<Scenario> on = scenarios.stream().filter(s -> Evaluators.of(c).notApplicable(s, run).isEmpty()).toList();
      if (!on.isEmpty()) applies.put(c, on);
    }
    List<Planned> out = new ArrayList<>();
    for (Scenario s : scenarios) {
      boolean used = false;
      boolean main = false;
      java.util.Set<String> variants = new java.util.TreeSet<>();
      java.util.Set<String> counts = new java.util.TreeSet<>();
      for (Map.Entry<Check, List<Scenario>> e : applies.entrySet()) {
        if (!e.getValue().contains(s)) continue;
        used = true;
        main |= !VARIANTS_ONLY.contains(e.getKey().id());
        // Checks that send variants of the scenario's request: each variant once per scenario, however many checks read it.
        // AUTH-050 reads every scenario's answer but sends its wrong-key probe on the primary scenario only.
        boolean primary = run.primary().filter(p -> p.id().equals(s.id())).isPresent();
        if (e.getKey().id().equals("AUTH-050") && !primary) continue;
        // THINK-030 sends the thinking back only when the request asks for thinking (a recording may hold some anyway).
        boolean thinks = s.recording().request().body() != null
            && "enabled".equals(s.recording().request().body().path("thinking").path("type").asText());
        if (e.getKey().id().equals("THINK-030") && !thinks) continue;
        for (String v : VARIANTS.getOrDefault(e.getKey().id(), List.of())) {
          (v.startsWith("count-") || FREE_VARIANTS.contains(v) ? counts : variants).add(v);
        }
      }
      int sends = variants.size() + (main ? 1 : 0);
      if (!used) continue;
      ExchangeRequest req = run.probe(s).request();
      Recording r = s.recording();
      String model = run.config().model() != null ? run.config().model() : r.model();
      long[] usage = usage(r);
      if (sends > 0) {
        out.add(new Planned(req.method(), req.pathAndQuery(), s.id(), model == null ? "?" : model,
            req.body() == null ? 0 : req.body().length, sends, usage[0], usage[1], usage[2], usage[3]));
      }
      // Requests billed nothing: the live usage checks' count_tokens, endpoint reads (GET /v1/models, HEAD /).
      long countRequests = counts.stream().filter(v -> v.startsWith("count-")).count();
      if (countRequests > 0) {
        out.add(new Planned("POST", "/v1/messages/count_tokens", s.id(), model == null ? "?" : model, 0, (int) countRequests, 0, 0, 0, 0));
      }
      if (counts.size() > countRequests) {
        out.add(new Planned("GET", "(endpoint probes)", s.id(), model == null ? "?" : model, 0, (int) (counts.size() - countRequests), 0, 0, 0, 0));
      }
    }
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (Check c : selected) {
      Evaluators.runCheck(c).ifPresent(rc -> rc.plannedSends(run).stream().filter(p -> keys.add(p.key())).forEach(p ->
          out.add(new Planned("POST", p.path(), p.label(), p.model() == null ? "?" : p.model(), p.bytes(), p.repeats(),
              p.inputTokens(), 0, 0, p.outputTokens()))));
    }
    // BILL-010's comparison with the identity reference (a per-scenario rule that sends a few probes once per run).
    if (selected.contains(dev.relaytck.catalog.BillCheck.BILL_010)) {
      dev.relaytck.billing.ReferenceCounts.plannedSends(run).forEach(p -> out.add(new Planned("POST", p.path(), p.label(), p.model(),
          p.bytes(), p.repeats(), p.inputTokens(), 0, 0, p.outputTokens())));
    }
    return new RequestPlan(List.copyOf(out));
  }

  int sends() {
    return requests.stream().mapToInt(Planned::repeats).sum();
  }

  long tokens() {
    return requests.stream().mapToLong(p -> p.repeats() * (p.inputTokens() + p.cacheWriteTokens() + p.cacheReadTokens() + p.outputTokens())).sum();
  }

  /** The estimated cost in USD; requests whose model no family of the table prices are counted in {@code unpriced}. */
  double costUsd(PriceTable prices, List<String> unpriced) {
    double usd = 0;
    for (Planned p : requests) {
      PriceTable.Price price = prices.of(p.model());
      if (price == null) {
        unpriced.add(p.model());
        continue;
      }
      usd += p.repeats() * (p.inputTokens() * price.input() + p.cacheWriteTokens() * price.cacheWrite()
          + p.cacheReadTokens() * price.cacheRead() + p.outputTokens() * price.output()) / 1_000_000.0;
    }
    return usd;
  }

  /** {input, cache write, cache read, output} tokens the recording's answer reports. */
  static long[] usage(Recording r) {
    long[] u = new long[4];
    if (r.response() == null) return u;
    if (r.streaming()) {
      for (RecordedEvent e : r.response().events()) {
        JsonNode data = data(e);
        if (data == null) continue;
        String type = data.path("type").asText();
        if (type.equals("message_start")) add(u, data.path("message").path("usage"));
        if (type.equals("message_delta")) add(u, data.path("usage"));
      }
    } else if (r.response().body() != null) {
      try {
        JsonNode body = JSON.readTree(r.response().body());
        add(u, body.path("usage"));
        if (body.has("input_tokens") && !body.has("usage")) u[0] = body.path("input_tokens").asLong();
      } catch (IOException notJson) {
        // An error page or an empty body bills nothing we can know of.
      }
    }
    boolean derived = r.provenance() != null && "derived".equals(r.provenance().kind());
    if ((u[0] == 0 || derived) && r.request() != null && r.request().body() != null) {
      // No usage recorded (an error answer), or a derived recording whose usage was scripted, not billed (the Claude Code
      // scenarios' 50 kB requests report a few hundred tokens): about four bytes of JSON per token, what the request
      // would cost if billed, counted as uncached input.
      long bySize = r.request().body().toString().length() / 4;
      u[0] = Math.max(u[0], bySize - u[1] - u[2]);
    }
    return u;
  }

  private static void add(long[] u, JsonNode usage) {
    if (usage.isMissingNode()) return;
    // message_delta carries cumulative counts: take the larger figure rather than adding twice.
    u[0] = Math.max(u[0], usage.path("input_tokens").asLong(0));
    u[1] = Math.max(u[1], usage.path("cache_creation_input_tokens").asLong(0));
    u[2] = Math.max(u[2], usage.path("cache_read_input_tokens").asLong(0));
    u[3] = Math.max(u[3], usage.path("output_tokens").asLong(0));
  }

  private static JsonNode data(RecordedEvent e) {
    String text = new String(e.bytes(), StandardCharsets.UTF_8);
    StringBuilder data = new StringBuilder();
    for (String line : text.split("\r\n|\r|\n")) {
      if (line.startsWith("data:")) data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
    }
    if (data.length() == 0) return null;
    try {
      return JSON.readTree(data.toString());
    } catch (IOException e1) {
      return null;
    }
  }

  static String describe(Planned p) {
    return String.format(Locale.ROOT, "%-4s %-28s %-28s %-24s %7d bytes%s", p.method(), p.path(), p.scenario(), p.model(), p.bytes(),
        p.repeats() > 1 ? "  x" + p.repeats() + " (with probes)" : "");
  }
}
