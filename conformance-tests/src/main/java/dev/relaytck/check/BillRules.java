package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.billing.AuditPlan;
import dev.relaytck.billing.AuditResult;
import dev.relaytck.billing.BillingRun;
import dev.relaytck.billing.BillingSettings;
import dev.relaytck.billing.CancelledStreamAudit;
import dev.relaytck.billing.EffectivePrice;
import dev.relaytck.billing.FailedRequestsAudit;
import dev.relaytck.billing.OutputBand;
import dev.relaytck.billing.ReferenceCounts;
import dev.relaytck.billing.TokenCount;
import dev.relaytck.billing.Usage;
import dev.relaytck.catalog.BillCheck;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * BILL: usage honesty per scenario (BILL-010 to BILL-030) and, once per run, the balance audit,
 * failed requests and the effective price (BILL-040 to BILL-060) over {@code dev.relaytck.billing}.
 */
final class BillRules {
  private static final String COUNT_TOKENS = "/v1/messages/count_tokens";
  /** Live BILL-010 and BILL-030: count_tokens and a resent prompt may differ from usage by this share or {@link #SLACK} tokens (as EP-020). */
  static final double TOLERANCE = 0.05;
  static final long SLACK = 10;
  /** Anthropic's smallest cacheable prompt (Sonnet and Opus; Haiku needs more). */
  static final long MIN_CACHEABLE = 1024;

  private BillRules() {}

  static List<CheckEvaluator> all() {
    return List.of(
        Tolerance.declaredAbsentLive("count-tokens", "live, BILL-010 compares usage with the relay's count_tokens")
            .gate(new Rule(BillCheck.BILL_010, BillRules::inputApplies, BillRules::input)),
        new Rule(BillCheck.BILL_020, BillRules::billed, BillRules::output),
        new Rule(BillCheck.BILL_030, BillRules::cacheApplies, BillRules::cache));
  }

  static List<RunCheck> runChecks() {
    return List.of(
        new BillRunCheck(BillCheck.BILL_040, run -> needsBalance(run).or(() -> needsPrice(run)), BillRules::audit),
        new BillRunCheck(BillCheck.BILL_050, BillRules::needsBalance, BillRules::failedRequests),
        new BillRunCheck(BillCheck.BILL_060, BillRules::needsPriceOrBalance, BillRules::effective));
  }

  // --- applicability -----------------------------------------------------------------------------

  /** A successful messages scenario whose recording reports usage (not a Claude Code capture: scripted usage). */
  private static Optional<String> billed(Scenario s, RunContext run) {
    if (!Applies.successfulMessage(s) || s.injected()) return Optional.of("not a successful message scenario");
    if (s.has(ClaudeCodeRecordings.FEATURE)) return Optional.of("a Claude Code capture: its answers were scripted, its usage is not the API's");
    return Usage.recorded(s.recording()).flatMap(Usage::tokens).isPresent() ? Optional.empty()
        : Optional.of("the recording reports no usage");
  }

  private static Optional<String> inputApplies(Scenario s, RunContext run) {
    if (run.config().hermetic() && COUNT_TOKENS.equals(s.recording().request().path()) && s.recordedStatus() == 200
        && !s.has(ClaudeCodeRecordings.FEATURE)) {
      return Optional.empty();
    }
    return billed(s, run);
  }

  private static Optional<String> cacheApplies(Scenario s, RunContext run) {
    Optional<String> na = billed(s, run);
    if (na.isPresent()) return na;
    TokenCount rec = Usage.recorded(s.recording()).flatMap(Usage::tokens).orElseThrow();
    if (run.config().hermetic()) {
      return rec.cacheRead() + rec.cacheWrite() > 0 ? Optional.empty() : Optional.of("the recording shows no cache write or read");
    }
    return rec.cacheRead() >= MIN_CACHEABLE ? Optional.empty()
        : Optional.of("the recording shows no cache read of at least " + MIN_CACHEABLE + " tokens for this prefix");
  }

  // --- BILL-010 ----------------------------------------------------------------------------------

  private static Verdict input(Probe p) {
    Scenario s = p.scenario();
    if (COUNT_TOKENS.equals(s.recording().request().path())) return countTokensHermetic(p);
    Exchange exchange = p.exchange();
    if (!p.config().hermetic()) {
      Optional<Verdict> nothing = unjudgeable(exchange);
      if (nothing.isPresent()) return withReference(p, nothing.get());
      return withReference(p, liveCount(p, exchange, Usage.message(exchange).flatMap(Usage::tokens).orElseThrow()));
    }
    TokenCount rec = Usage.recorded(s.recording()).flatMap(Usage::tokens).orElseThrow();
    return onUsage(exchange, BillCheck.BILL_010, (m, reported) -> reported.prompt() == rec.prompt() ? List.of()
        : List.of(Violation.of(BillCheck.BILL_010, Location.pointer("/usage/input_tokens"), String.format(Locale.ROOT,
            "usage reports %d prompt tokens (input %d + cache write %d + cache read %d), the upstream counted %d for this"
                + " request (the recording): %s", reported.prompt(), reported.input(), reported.cacheWrite(), reported.cacheRead(),
            rec.prompt(), ratio(reported.prompt(), rec.prompt())), rec.prompt(), reported.prompt())));
  }

  /** Hermetic: the relay's count_tokens answer equals what the upstream counted (the recording). */
  private static Verdict countTokensHermetic(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    long recorded = recordedCount(p.scenario());
    JsonNode n = e.status() == 200 && Responses.noResponse(BillCheck.BILL_010, e).isEmpty()
        ? e.json().map(j -> j.path("input_tokens")).orElse(null) : null;
    if (n == null || !n.isIntegralNumber()) {
      // A broken or missing count is EP-010's finding; there is no count to compare.
      return Verdict.skip("nothing to compare: count_tokens answered " + e.status() + " " + Responses.quote(e.excerpt(100))
          + " without a complete input_tokens (EP-010 judges the endpoint)");
    }
    if (n.asLong() != recorded) {
      v.add(Violation.of(BillCheck.BILL_010, Location.pointer("/input_tokens"), "count_tokens reports " + n.asLong()
          + " tokens, the upstream counted " + recorded + " (the recording): " + ratio(n.asLong(), recorded), recorded, n.asLong()));
    }
    return Verdict.of(v, "count_tokens agrees with the upstream's count (" + recorded + ")", Responses.context(e));
  }

  private static long recordedCount(Scenario s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s.recording().response().body()).path("input_tokens").asLong(-1);
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Live: the relay's count_tokens for the very request it answered agrees with the prompt tokens it reported. */
  private static Verdict liveCount(Probe p, Exchange e, TokenCount reported) {
    ObjectNode sent = (ObjectNode) e.sentJson().filter(JsonNode::isObject).orElse(null);
    if (sent == null) return Verdict.skip("nothing to compare: the request sent was not a JSON object");
    ObjectNode body = sent.objectNode();
    for (String f : List.of("model", "system", "messages", "tools", "tool_choice", "thinking")) {
      if (sent.has(f)) body.set(f, sent.get(f));
    }
    Exchange counted = p.variant("bill-count-tokens", r -> ExchangeRequest.postJson(COUNT_TOKENS, body.toString()));
    JsonNode n = counted.status() == 200 ? counted.json().map(j -> j.path("input_tokens")).orElse(null) : null;
    if (n == null || !n.isIntegralNumber()) {
      // As EP-020: a missing count is EP-010's finding, and there is nothing to compare.
      return Verdict.skip("nothing to compare: the relay's count_tokens answered " + counted.status() + " "
          + Responses.quote(counted.excerpt(100)) + " without input_tokens for the same request");
    }
    long diff = Math.abs(n.asLong() - reported.prompt());
    long allowed = Math.max(SLACK, Math.round(n.asLong() * TOLERANCE));
    List<Violation> v = new ArrayList<>();
    if (diff > allowed) {
      v.add(Violation.of(BillCheck.BILL_010, Location.pointer("/usage/input_tokens"), "usage reports " + reported.prompt()
          + " prompt tokens, the relay's own count_tokens counts " + n.asLong() + " for the same request: "
          + ratio(reported.prompt(), n.asLong()), n.asLong() + " (+/- " + allowed + ")", reported.prompt()));
    }
    return Verdict.of(v, "usage (" + reported.prompt() + " prompt tokens) agrees with count_tokens (" + n.asLong() + ")", Responses.context(e));
  }

  /**
   * Live with {@code --reference}: on the first scenario BILL-010 applies to (the comparison is
   * made once per run), the reference's probes sent through the relay must report the prompt
   * tokens the official API counted for them, so a relay inflating its count_tokens too is caught.
   */
  private static Verdict withReference(Probe p, Verdict own) {
    RunContext run = p.run();
    if (run.setting(EvidenceSettings.REFERENCE).isEmpty()) return own;
    Optional<Scenario> first = run.scenarios().all().stream()
        .filter(s -> Evaluators.of(BillCheck.BILL_010).notApplicable(s, run).isEmpty()).findFirst();
    if (first.isEmpty() || !first.get().id().equals(p.scenario().id())) return own;
    ReferenceCounts.Result r = BillingRun.of(run).referenceCounts();
    Map<String, Object> evidence = new LinkedHashMap<>(own.evidence());
    evidence.put("reference", r.toMap());
    if (!r.state().equals("compared")) {
      return new Verdict(own.outcome(), own.message() + "; not compared with the reference: " + r.message(), own.violations(), evidence,
          own.skipBasis());
    }
    List<Violation> v = new ArrayList<>(own.outcome() == Outcome.FAILED ? own.violations() : List.of());
    String probes = String.join(", ", r.rows().stream().map(row -> row.probe() + " " + (row.reported() < 0 ? "no usage (" + row.answer() + ")"
        : row.reported() + " for " + row.reference())).toList());
    long reference = r.referenceTotal();
    long reported = r.reportedTotal();
    if (reference == 0) {
      return new Verdict(own.outcome(), own.message() + "; the reference's probes got no usage through the relay: " + probes, own.violations(),
          evidence, own.skipBasis());
    }
    // Totals: a uniform inflation shows over all of them; count_tokens may differ from usage by a little per request.
    long allowed = Math.max(SLACK, Math.round(reference * TOLERANCE));
    if (Math.abs(reported - reference) > allowed) {
      v.add(Violation.of(BillCheck.BILL_010, Location.pointer("/usage/input_tokens"), "for the reference's probes usage reports " + reported
          + " prompt tokens in all, the official API counted " + reference + " when the reference was recorded (" + r.model() + "): "
          + ratio(reported, reference) + " (" + probes + ")", reference + " (+/- " + allowed + ")", reported));
      return Verdict.of(v, "", evidence);
    }
    String msg = (own.outcome() == Outcome.PASSED ? own.message() + "; " : "")
        + "usage agrees with the reference's counts: " + reported + " prompt tokens for " + reference + " (" + probes + ")";
    return new Verdict(own.outcome() == Outcome.SKIPPED ? Outcome.PASSED : own.outcome(), msg, own.violations(), evidence);
  }

  // --- BILL-020 ----------------------------------------------------------------------------------

  private static Verdict output(Probe p) {
    Scenario s = p.scenario();
    Map<String, Object> figures = new LinkedHashMap<>();
    Exchange exchange = p.exchange();
    Optional<Verdict> nothing = unjudgeable(exchange);
    if (nothing.isPresent()) return nothing.get();
    if (Usage.message(exchange).orElseThrow().path("stop_reason").isNull()) {
      return Verdict.skip("nothing to judge: the stream carries no final usage (no message_delta with the stop_reason; EVT-040's finding)");
    }
    Verdict v = onUsage(exchange, BillCheck.BILL_020, (m, reported) -> {
      List<Violation> out = new ArrayList<>();
      long chars = OutputBand.chars(m);
      figures.put("outputTokens", reported.output());
      figures.put("chars", chars);
      figures.put("stopReason", m.path("stop_reason").asText());
      long maxTokens = Answers.request(s).path("max_tokens").asLong(-1);
      if ("max_tokens".equals(m.path("stop_reason").asText()) && maxTokens > 0 && reported.output() != maxTokens) {
        out.add(Violation.of(BillCheck.BILL_020, Location.pointer("/usage/output_tokens"), "the answer stopped at max_tokens ("
            + maxTokens + ") but reports " + reported.output() + " output tokens", maxTokens, reported.output()));
      }
      if (p.config().hermetic()) {
        long rec = Usage.recorded(s.recording()).flatMap(Usage::tokens).orElseThrow().output();
        figures.put("recordedOutputTokens", rec);
        if (reported.output() != rec) {
          out.add(Violation.of(BillCheck.BILL_020, Location.pointer("/usage/output_tokens"), "usage reports " + reported.output()
              + " output tokens for the upstream's " + rec + " (the recording): " + ratio(reported.output(), rec), rec, reported.output()));
        }
        return out;
      }
      OutputBand band = OutputBand.forModel(p.config().model() != null ? p.config().model() : s.recording().model());
      figures.put("band", band.toMap());
      if (chars >= OutputBand.MIN_CHARS) {
        double perChar = (double) reported.output() / chars;
        figures.put("tokensPerChar", perChar);
        if (!band.contains(perChar)) {
          out.add(Violation.of(BillCheck.BILL_020, Location.pointer("/usage/output_tokens"), String.format(Locale.ROOT,
              "%d output tokens for %d characters of content is %.3f tokens per character, outside the band %.3f to %.3f that"
                  + " %d bundled %s recordings show", reported.output(), chars, perChar, band.low(), band.high(), band.samples(),
              band.family()), String.format(Locale.ROOT, "%.3f..%.3f", band.low(), band.high()), String.format(Locale.ROOT, "%.3f", perChar)));
        }
      }
      return out;
    });
    if (v.outcome() == Outcome.PASSED && !p.config().hermetic() && !figures.containsKey("tokensPerChar")
        && !"max_tokens".equals(figures.get("stopReason"))) {
      return new Verdict(Outcome.SKIPPED, "too little content to judge a tokenizer (" + figures.get("chars") + " characters, fewer than "
          + OutputBand.MIN_CHARS + ")", List.of(), figures);
    }
    return withFigures(v, figures);
  }

  // --- BILL-030 ----------------------------------------------------------------------------------

  private static Verdict cache(Probe p) {
    Scenario s = p.scenario();
    if (!p.config().hermetic()) return cacheLive(p);
    TokenCount rec = Usage.recorded(s.recording()).flatMap(Usage::tokens).orElseThrow();
    return onUsage(p.exchange(), BillCheck.BILL_030, (m, got) -> {
      List<Violation> v = new ArrayList<>();
      if (got.cacheRead() != rec.cacheRead()) {
        String how = got.cacheRead() < rec.cacheRead() && got.cacheWrite() > rec.cacheWrite()
            ? "the upstream read " + rec.cacheRead() + " tokens from the cache; the relay reports them as a cache write ("
                + got.cacheWrite() + " written, " + got.cacheRead() + " read)"
            : "the upstream read " + rec.cacheRead() + " tokens from the cache; the relay reports " + got.cacheRead();
        v.add(Violation.of(BillCheck.BILL_030, Location.pointer("/usage/cache_read_input_tokens"), how, rec.cacheRead(), got.cacheRead()));
      } else if (got.cacheWrite() != rec.cacheWrite()) {
        v.add(Violation.of(BillCheck.BILL_030, Location.pointer("/usage/cache_creation_input_tokens"), "the upstream wrote "
            + rec.cacheWrite() + " tokens to the cache; the relay reports " + got.cacheWrite(), rec.cacheWrite(), got.cacheWrite()));
      }
      return v;
    });
  }

  /** Live: the cacheable prefix sent again is read, not written again, and both answers count the same prompt. */
  private static Verdict cacheLive(Probe p) {
    Exchange first = p.exchange();
    Optional<Verdict> nothing = unjudgeable(first);
    if (nothing.isPresent()) return nothing.get();
    TokenCount one = Usage.message(first).flatMap(Usage::tokens).orElseThrow();
    // The same key as CACHE-040's repeat, so one resend serves both checks.
    Exchange second = p.variant("cache-repeat", r -> r);
    return onUsage(second, BillCheck.BILL_030, (m, two) -> {
      List<Violation> out = new ArrayList<>();
      if (two.cacheRead() == 0 && two.cacheWrite() >= MIN_CACHEABLE) {
        out.add(Violation.of(BillCheck.BILL_030, Location.pointer("/usage/cache_read_input_tokens"), "the same cacheable prefix,"
            + " sent again within the cache lifetime, is reported as a new cache write of " + two.cacheWrite() + " tokens, not a read",
            "> 0 read", "0 read, " + two.cacheWrite() + " written"));
      } else if (two.cacheRead() == 0) {
        out.add(Violation.of(BillCheck.BILL_030, Location.pointer("/usage/cache_read_input_tokens"), "the same cacheable prefix,"
            + " sent again within the cache lifetime, reports no cache read (the first answer wrote " + one.cacheWrite() + ")", "> 0", 0));
      }
      long allowed = Math.max(SLACK, Math.round(one.prompt() * TOLERANCE));
      if (Math.abs(one.prompt() - two.prompt()) > allowed) {
        out.add(Violation.of(BillCheck.BILL_030, Location.pointer("/usage"), "input, cache write and cache read of the two identical"
            + " prompts do not add up to the same size", one.prompt() + " (+/- " + allowed + ")", two.prompt()));
      }
      return out;
    });
  }

  // --- helpers -----------------------------------------------------------------------------------

  /**
   * Why an answer carries no usage to judge (incomplete, not 200, no Message, no usage object):
   * those are the MSG, SSE, EVT and ERR checks' findings, so a BILL check skips, saying so.
   */
  private static Optional<Verdict> unjudgeable(Exchange e) {
    if (Responses.noResponse(BillCheck.BILL_010, e).isPresent() || e.status() != 200) {
      return Optional.of(Verdict.skip("nothing to judge: the relay answered " + e.summary() + " (the MSG, SSE and ERR checks judge that)"));
    }
    Optional<JsonNode> m = Usage.message(e);
    if (m.isEmpty()) return Optional.of(Verdict.skip("nothing to judge: the answer holds no Message (the MSG, SSE and EVT checks judge that)"));
    if (Usage.tokens(m.get()).isEmpty()) return Optional.of(Verdict.skip("nothing to judge: the Message has no usage object (MSG-010's finding)"));
    return Optional.empty();
  }

  /** Runs {@code rule} on the Message and usage of {@code e}, or skips when there is none to judge. */
  private static Verdict onUsage(Exchange e, Check check, BiFunction<JsonNode, TokenCount, List<Violation>> rule) {
    Optional<Verdict> nothing = unjudgeable(e);
    if (nothing.isPresent()) return nothing.get();
    JsonNode m = Usage.message(e).orElseThrow();
    return Verdict.of(rule.apply(m, Usage.tokens(m).orElseThrow()), "ok", Responses.context(e));
  }

  private static String ratio(long reported, long reference) {
    return reference <= 0 ? "no reference count" : String.format(Locale.ROOT, "%.2f times as many", (double) reported / reference);
  }

  private static Verdict withFigures(Verdict v, Map<String, Object> figures) {
    if (figures.isEmpty()) return v;
    Map<String, Object> evidence = new LinkedHashMap<>(v.evidence());
    evidence.putAll(figures);
    return new Verdict(v.outcome(), v.message(), v.violations(), evidence);
  }

  // --- run-level checks --------------------------------------------------------------------------

  /**
   * A run-level BILL check: skipped with the reason when its options are missing; a malformed
   * option is reported as the reason nothing could be judged, never as a kit error.
   */
  private record BillRunCheck(Check check, Function<RunContext, Optional<String>> needs, Function<RunContext, Verdict> judge)
      implements RunCheck {
    @Override
    public Optional<String> notApplicable(RunContext run) {
      return BillingRun.of(run).settings().problem().isPresent() ? Optional.empty() : needs.apply(run);
    }

    @Override
    public Verdict evaluate(RunContext run) {
      Optional<String> problem = BillingRun.of(run).settings().problem();
      return problem.isPresent() ? Verdict.inconclusive("the billing options are not usable: " + problem.get(), Map.of()) : judge.apply(run);
    }

    /**
     * Live, the audit's own requests (BILL-040 and BILL-060 share the balance audit's, BILL-050
     * sends failing ones), so the printed estimate covers them and {@code --max-cost-usd} holds.
     */
    @Override
    public List<PlannedSend> plannedSends(RunContext run) {
      if (run.config().hermetic() || notApplicable(run).isPresent() || BillingRun.of(run).settings().problem().isPresent()
          || BillingRun.of(run).settings().balance().isEmpty()) {
        return List.of();
      }
      return check == BillCheck.BILL_050 ? AuditPlan.failing(run) : AuditPlan.audit(run, BillingRun.of(run).settings());
    }
  }

  private static Optional<String> needsBalance(RunContext run) {
    return BillingRun.of(run).settings().balance().isPresent() ? Optional.empty()
        : Optional.of("needs --balance new-api|one-api|openai|URL#/json/pointer to read the relay's balance before and after");
  }

  private static Optional<String> needsPrice(RunContext run) {
    return BillingRun.of(run).settings().price().isPresent() ? Optional.empty()
        : Optional.of("needs --price in=X,out=Y[,cache_write=W,cache_read=R]: the relay's advertised price");
  }

  private static Optional<String> needsPriceOrBalance(RunContext run) {
    BillingSettings b = BillingRun.of(run).settings();
    return b.balance().isPresent() || b.price().isPresent() ? Optional.empty()
        : Optional.of("needs --balance (what the relay charged) or --price (what it advertises)");
  }

  /** Passed with {@code figures}, or failed with {@code failure} and the figures; the evidence either way. */
  private static Verdict judged(Check check, boolean ok, String figures, String failure, double expectedUsd, double actualUsd,
      Map<String, Object> evidence) {
    if (ok) return new Verdict(Outcome.PASSED, figures, List.of(), evidence);
    Violation v = Violation.of(check, Location.NONE, failure + ": " + figures, usd(expectedUsd), usd(actualUsd));
    return new Verdict(Outcome.FAILED, v.toString(), List.of(v), evidence);
  }

  private static String usd(double v) {
    return String.format(Locale.ROOT, "%.6f USD", v);
  }

  /** BILL-040: the balance fell by what the reported usage costs at the advertised price. */
  private static Verdict audit(RunContext run) {
    AuditResult a = BillingRun.of(run).audit();
    Map<String, Object> evidence = a.toMap();
    if (a.state() != AuditResult.State.MEASURED) return Verdict.inconclusive(a.message(), evidence);
    String figures = String.format(Locale.ROOT, "the balance fell by %.6f USD over %d requests (%s); their reported usage"
        + " (input %d, output %d, cache write %d, cache read %d tokens) costs %.6f USD at the advertised price: ratio %.3f,"
        + " tolerance +/- %.6f USD", a.chargedUsd(), a.charges().size(), a.source(), a.tokens().input(), a.tokens().output(),
        a.tokens().cacheWrite(), a.tokens().cacheRead(), a.expectedUsd(), a.ratio(), a.toleranceUsd())
        + (a.readings().bookedLate() ? "; the balance moved only after the settle delay (asynchronous booking)" : "");
    String what = a.chargedUsd() > a.expectedUsd() ? "the relay charged more than the advertised price for the usage it reported"
        : "the relay charged less than the advertised price for the usage it reported (an outdated price, or booking later than the settle read)";
    return judged(BillCheck.BILL_040, a.withinTolerance(), figures, what, a.expectedUsd(), a.chargedUsd(), evidence);
  }

  /** BILL-050: failed requests, and a stream the client cancelled early, cost nothing beyond what was delivered. */
  private static Verdict failedRequests(RunContext run) {
    FailedRequestsAudit.Result r = BillingRun.of(run).failedRequests();
    CancelledStreamAudit.Result c = BillingRun.of(run).cancelledStream();
    Map<String, Object> evidence = new LinkedHashMap<>(r.toMap());
    evidence.put("cancelledStream", c.toMap());
    List<Violation> violations = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    if (r.state().equals("measured")) {
      String f = String.format(Locale.ROOT, "%d failed requests (statuses %s) moved the balance by %.6f USD (allowed: %.6f,"
          + " one balance step each)", r.statuses().size(), r.statuses(), r.chargedUsd(), r.allowedUsd());
      figures.add(f);
      if (!r.free()) violations.add(Violation.of(BillCheck.BILL_050, Location.NONE, "failed requests were charged: " + f,
          usd(r.allowedUsd()), usd(r.chargedUsd())));
    }
    if (c.state().equals("measured")) {
      String f = String.format(Locale.ROOT, "a stream of %s cancelled after its first content delta (%d characters and %s delivered%s)"
          + " moved the balance by %.6f USD; allowed %.6f USD (the delivered prompt, %d output tokens, tolerance and one balance step;"
          + " the whole answer costs %.6f)", c.scenario(), c.deliveredChars(), c.delivered().toMap(),
          c.complete() ? ", the whole stream: the relay sent it before the cancel" : "", c.chargedUsd(), c.allowedUsd(),
          c.allowed().output(), c.fullUsd());
      figures.add(f);
      if (!c.free()) violations.add(Violation.of(BillCheck.BILL_050, Location.NONE, "a cancelled stream was charged beyond what was"
          + " delivered: " + f, usd(c.allowedUsd()), usd(c.chargedUsd())));
    }
    if (!violations.isEmpty()) {
      return new Verdict(Outcome.FAILED, String.join("; ", violations.stream().map(Violation::toString).toList()), violations, evidence);
    }
    if (!r.state().equals("measured")) return Verdict.inconclusive(r.message(), evidence);
    if (!c.state().equals("measured") && !c.state().equals("none")) {
      return Verdict.inconclusive(String.join("; ", figures) + "; the cancelled stream could not be judged: " + c.message(), evidence);
    }
    if (c.state().equals("none")) figures.add("the cancelled stream was not judged: " + c.message());
    return new Verdict(Outcome.PASSED, String.join("; ", figures), List.of(), evidence);
  }

  /** BILL-060: the effective price per million tokens and a typical hour of Claude Code. */
  private static Verdict effective(RunContext run) {
    Optional<EffectivePrice> e = BillingRun.of(run).effective();
    if (e.isEmpty()) {
      return Verdict.inconclusive("no price to report: the balance audit measured nothing and no --price was given,"
          + " or the list price table has no family for the model", Map.of());
    }
    EffectivePrice p = e.get();
    String msg = String.format(Locale.ROOT, "%s: %.4f USD per million input and %.4f per million output tokens (%s), %.2f times"
        + " the list price (%.2f / %.2f); a typical hour of Claude Code costs about %.2f USD here (%.2f at list price)",
        p.model(), p.effective().input(), p.effective().output(), p.basis(), p.ratioToList(), p.list().input(), p.list().output(),
        p.effective().usd(p.hour().perHour()), p.list().usd(p.hour().perHour()));
    return new Verdict(Outcome.PASSED, msg, List.of(), p.toMap());
  }
}
