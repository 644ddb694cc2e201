package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.billing.AuditResult;
import dev.relaytck.billing.BillingRun;
import dev.relaytck.billing.EffectivePrice;
import dev.relaytck.billing.FailedRequestsAudit;
import dev.relaytck.billing.OutputBand;
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
        new Rule(BillCheck.BILL_010, BillRules::inputApplies, BillRules::input),
        new Rule(BillCheck.BILL_020, BillRules::billed, BillRules::output),
        new Rule(BillCheck.BILL_030, BillRules::cacheApplies, BillRules::cache));
  }

  static List<RunCheck> runChecks() {
    return List.of(new Audit(), new FailedRequests(), new Effective());
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
    Optional<String> na = billed(s, run);
    if (na.isPresent() || run.config().hermetic()) return na;
    return run.config().absent().contains("count-tokens")
        ? Optional.of(SkipReasons.declaredAbsent("count-tokens", "live, BILL-010 compares usage with the relay's count_tokens")) : na;
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
    return Answers.onMessage(p, BillCheck.BILL_010, (e, m) -> {
      TokenCount reported = Usage.tokens(m).orElse(null);
      if (reported == null) return List.of(missingUsage(BillCheck.BILL_010));
      if (p.config().hermetic()) {
        TokenCount rec = Usage.recorded(s.recording()).flatMap(Usage::tokens).orElseThrow();
        if (reported.prompt() != rec.prompt()) {
          return List.of(Violation.of(BillCheck.BILL_010, Location.pointer("/usage/input_tokens"), String.format(Locale.ROOT,
              "usage reports %d prompt tokens (input %d + cache write %d + cache read %d), the upstream counted %d for this"
                  + " request (the recording): %s", reported.prompt(), reported.input(), reported.cacheWrite(), reported.cacheRead(),
              rec.prompt(), ratio(reported.prompt(), rec.prompt())), rec.prompt(), reported.prompt()));
        }
        return List.of();
      }
      return liveCount(p, e, reported);
    });
  }

  /** Hermetic: the relay's count_tokens answer equals what the upstream counted (the recording). */
  private static Verdict countTokensHermetic(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>(Answers.answered(BillCheck.BILL_010, e));
    long recorded = recordedCount(p.scenario());
    if (v.isEmpty()) {
      JsonNode n = e.json().map(j -> j.path("input_tokens")).orElse(null);
      if (n == null || !n.isIntegralNumber()) {
        v.add(Violation.of(BillCheck.BILL_010, Location.pointer("/input_tokens"), "count_tokens answered no input_tokens",
            "an integer", Responses.quote(e.excerpt(120))));
      } else if (n.asLong() != recorded) {
        v.add(Violation.of(BillCheck.BILL_010, Location.pointer("/input_tokens"), "count_tokens reports " + n.asLong()
            + " tokens, the upstream counted " + recorded + " (the recording): " + ratio(n.asLong(), recorded), recorded, n.asLong()));
      }
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
  private static List<Violation> liveCount(Probe p, Exchange e, TokenCount reported) {
    ObjectNode sent = (ObjectNode) e.sentJson().filter(JsonNode::isObject).orElse(null);
    if (sent == null) return List.of();
    ObjectNode body = sent.objectNode();
    for (String f : List.of("model", "system", "messages", "tools", "tool_choice", "thinking")) {
      if (sent.has(f)) body.set(f, sent.get(f));
    }
    Exchange counted = p.variant("bill-count-tokens", r -> ExchangeRequest.postJson(COUNT_TOKENS, body.toString()));
    JsonNode n = counted.status() == 200 ? counted.json().map(j -> j.path("input_tokens")).orElse(null) : null;
    if (n == null || !n.isIntegralNumber()) {
      return List.of(Violation.of(BillCheck.BILL_010, Location.NONE, "the relay's count_tokens gave no count for the same request"
          + " (declare it absent with the capability -count-tokens if the relay has none): " + Responses.quote(counted.excerpt(160)),
          200, counted.status()));
    }
    long diff = Math.abs(n.asLong() - reported.prompt());
    long allowed = Math.max(SLACK, Math.round(n.asLong() * TOLERANCE));
    if (diff > allowed) {
      return List.of(Violation.of(BillCheck.BILL_010, Location.pointer("/usage/input_tokens"), "usage reports " + reported.prompt()
          + " prompt tokens, the relay's own count_tokens counts " + n.asLong() + " for the same request: "
          + ratio(reported.prompt(), n.asLong()), n.asLong() + " (+/- " + allowed + ")", reported.prompt()));
    }
    return List.of();
  }

  // --- BILL-020 ----------------------------------------------------------------------------------

  private static Verdict output(Probe p) {
    Scenario s = p.scenario();
    Map<String, Object> figures = new LinkedHashMap<>();
    Verdict v = Answers.onMessage(p, BillCheck.BILL_020, (e, m) -> {
      TokenCount reported = Usage.tokens(m).orElse(null);
      if (reported == null) return List.of(missingUsage(BillCheck.BILL_020));
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
    return Answers.onMessage(p, BillCheck.BILL_030, (e, m) -> {
      TokenCount got = Usage.tokens(m).orElse(null);
      if (got == null) return List.of(missingUsage(BillCheck.BILL_030));
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
    List<Violation> v = new ArrayList<>(Answers.answered(BillCheck.BILL_030, first));
    if (!v.isEmpty()) return Verdict.of(v, "ok", Responses.context(first));
    TokenCount one = Usage.message(first).flatMap(Usage::tokens).orElse(TokenCount.ZERO);
    // The same key as CACHE-040's repeat, so one resend serves both checks.
    Exchange second = p.variant("cache-repeat", r -> r);
    return Answers.onMessage(second, BillCheck.BILL_030, (e, m) -> {
      TokenCount two = Usage.tokens(m).orElse(TokenCount.ZERO);
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

  private static Violation missingUsage(Check check) {
    return Violation.of(check, Location.pointer("/usage"), "the Message has no usage object", "usage", "absent");
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

  private static Optional<String> needsBalance(RunContext run) {
    BillingRun b = BillingRun.of(run);
    if (b.settings().problem().isPresent()) return Optional.empty();
    return b.settings().balance().isPresent() ? Optional.empty()
        : Optional.of("needs --balance new-api|one-api|openai|URL#/json/pointer to read the relay's balance before and after");
  }

  /** A malformed billing option, reported as the reason nothing could be judged. */
  private static Optional<Verdict> misconfigured(RunContext run) {
    return BillingRun.of(run).settings().problem().map(m -> Verdict.inconclusive("the billing options are not usable: " + m, Map.of()));
  }

  /** BILL-040: the balance fell by what the reported usage costs at the advertised price. */
  static final class Audit implements RunCheck {
    @Override
    public Check check() {
      return BillCheck.BILL_040;
    }

    @Override
    public Optional<String> notApplicable(RunContext run) {
      return needsBalance(run).or(() -> BillingRun.of(run).settings().price().isPresent() || BillingRun.of(run).settings().problem().isPresent()
          ? Optional.empty() : Optional.of("needs --price in=X,out=Y[,cache_write=W,cache_read=R]: the relay's advertised price"));
    }

    @Override
    public Verdict evaluate(RunContext run) {
      Optional<Verdict> bad = misconfigured(run);
      if (bad.isPresent()) return bad.get();
      AuditResult a = BillingRun.of(run).audit();
      Map<String, Object> evidence = a.toMap();
      if (a.state() != AuditResult.State.MEASURED) return Verdict.inconclusive(a.message(), evidence);
      String figures = String.format(Locale.ROOT, "the balance fell by %.6f USD over %d requests (%s); their reported usage"
          + " (input %d, output %d, cache write %d, cache read %d tokens) costs %.6f USD at the advertised price: ratio %.3f,"
          + " tolerance +/- %.6f USD", a.chargedUsd(), a.charges().size(), a.source(), a.tokens().input(), a.tokens().output(),
          a.tokens().cacheWrite(), a.tokens().cacheRead(), a.expectedUsd(), a.ratio(), a.toleranceUsd());
      String late = a.readings().bookedLate() ? "; the balance moved only after the settle delay (asynchronous booking)" : "";
      if (a.withinTolerance()) return new Verdict(Outcome.PASSED, figures + late, List.of(), evidence);
      String what = a.chargedUsd() > a.expectedUsd() ? "charged more than the advertised price for the usage it reported"
          : "charged less than the advertised price for the usage it reported (an outdated price, or booking later than the settle read)";
      Violation v = Violation.of(BillCheck.BILL_040, Location.NONE, "the relay " + what + ": " + figures + late,
          String.format(Locale.ROOT, "%.6f USD", a.expectedUsd()), String.format(Locale.ROOT, "%.6f USD", a.chargedUsd()));
      return new Verdict(Outcome.FAILED, v.toString(), List.of(v), evidence);
    }
  }

  /** BILL-050: failed requests cost nothing. */
  static final class FailedRequests implements RunCheck {
    @Override
    public Check check() {
      return BillCheck.BILL_050;
    }

    @Override
    public Optional<String> notApplicable(RunContext run) {
      return needsBalance(run);
    }

    @Override
    public Verdict evaluate(RunContext run) {
      Optional<Verdict> bad = misconfigured(run);
      if (bad.isPresent()) return bad.get();
      FailedRequestsAudit.Result r = BillingRun.of(run).failedRequests();
      Map<String, Object> evidence = r.toMap();
      if (!r.state().equals("measured")) return Verdict.inconclusive(r.message(), evidence);
      String figures = String.format(Locale.ROOT, "%d failed requests (statuses %s) moved the balance by %.6f USD (allowed: %.6f,"
          + " one balance step each)", r.statuses().size(), r.statuses(), r.chargedUsd(), r.allowedUsd());
      if (r.free()) return new Verdict(Outcome.PASSED, figures, List.of(), evidence);
      Violation v = Violation.of(BillCheck.BILL_050, Location.NONE, "failed requests were charged: " + figures,
          "<= " + String.format(Locale.ROOT, "%.6f USD", r.allowedUsd()), String.format(Locale.ROOT, "%.6f USD", r.chargedUsd()));
      return new Verdict(Outcome.FAILED, v.toString(), List.of(v), evidence);
    }
  }

  /** BILL-060: the effective price per million tokens and a typical hour of Claude Code. */
  static final class Effective implements RunCheck {
    @Override
    public Check check() {
      return BillCheck.BILL_060;
    }

    @Override
    public Optional<String> notApplicable(RunContext run) {
      BillingRun b = BillingRun.of(run);
      return b.settings().balance().isPresent() || b.settings().price().isPresent() || b.settings().problem().isPresent()
          ? Optional.empty() : Optional.of("needs --balance (what the relay charged) or --price (what it advertises)");
    }

    @Override
    public Verdict evaluate(RunContext run) {
      Optional<Verdict> bad = misconfigured(run);
      if (bad.isPresent()) return bad.get();
      Optional<EffectivePrice> e = BillingRun.of(run).effective();
      if (e.isEmpty()) {
        return Verdict.inconclusive("no price to report: the balance audit measured nothing and no --price was given,"
            + " or the list price table has no family for the model", Map.of());
      }
      EffectivePrice p = e.get();
      Map<String, Object> evidence = p.toMap();
      String msg = String.format(Locale.ROOT, "%s: %.4f USD per million input and %.4f per million output tokens (%s), %.2f times"
          + " the list price (%.2f / %.2f); a typical hour of Claude Code costs about %.2f USD here (%.2f at list price)",
          p.model(), p.effective().input(), p.effective().output(), p.basis(), p.ratioToList(), p.list().input(), p.list().output(),
          p.effective().usd(p.hour().perHour()), p.list().usd(p.hour().perHour()));
      return new Verdict(Outcome.PASSED, msg, List.of(), evidence);
    }
  }
}
