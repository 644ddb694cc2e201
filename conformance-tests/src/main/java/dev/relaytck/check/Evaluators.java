package dev.relaytck.check;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluator of every check of the catalog. A check without an implementation gets one
 * that skips every scenario with "not implemented yet": reported, never silently passed.
 */
public final class Evaluators {
  public static final String NOT_IMPLEMENTED = "not implemented yet";

  private static final Map<Check, CheckEvaluator> IMPLEMENTED = load();
  private static final Map<Check, RunCheck> RUN_CHECKS = loadRunChecks();

  private Evaluators() {}

  private static Map<Check, CheckEvaluator> load() {
    List<CheckEvaluator> all = new ArrayList<>();
    all.addAll(AuthRules.all());
    all.addAll(HdrRules.all());
    all.addAll(MsgRules.all());
    all.addAll(SseRules.all());
    all.addAll(ErrRules.all());
    all.addAll(EpRules.all());
    all.addAll(FaultRules.all());
    all.addAll(ReqRules.all());
    all.addAll(EvtRules.all());
    all.addAll(ToolRules.all());
    all.addAll(ThinkRules.all());
    all.addAll(CacheRules.all());
    RuleSet.discovered().forEach(set -> all.addAll(set.rules()));
    all.addAll(CcRules.all());
    all.addAll(BillRules.all());
    all.addAll(LiveRules.all());
    Map<Check, CheckEvaluator> m = new LinkedHashMap<>();
    for (CheckEvaluator e : all) {
      if (m.put(e.check(), e) != null) throw new IllegalStateException("two evaluators for " + e.check().id());
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * The checks judged once per run (evidence areas: identity, billing, timing, context,
   * security): one line per area's rule class.
   */
  private static Map<Check, RunCheck> loadRunChecks() {
    List<RunCheck> all = new ArrayList<>();
    all.addAll(IdRules.all());
    all.addAll(SecRules.all());
    all.addAll(BillRules.runChecks());
    all.addAll(TrialRules.all());
    all.addAll(PerfRules.all());
    all.addAll(CtxRules.all());
    Map<Check, RunCheck> m = new LinkedHashMap<>();
    for (RunCheck r : all) {
      if (m.put(r.check(), r) != null || IMPLEMENTED.containsKey(r.check())) {
        throw new IllegalStateException("two evaluators for " + r.check().id());
      }
    }
    return Collections.unmodifiableMap(m);
  }

  public static boolean implemented(Check check) {
    return IMPLEMENTED.containsKey(check) || RUN_CHECKS.containsKey(check);
  }

  public static List<Check> implementedChecks() {
    return Catalog.all().stream().filter(Evaluators::implemented).toList();
  }

  /** The run-level evaluator of {@code check}, when it is judged once per run rather than per scenario. */
  public static Optional<RunCheck> runCheck(Check check) {
    return Optional.ofNullable(RUN_CHECKS.get(check));
  }

  /**
   * Evaluates the run-level {@code check}: skipped with the reason when it cannot run; a kit
   * failure becomes an {@code error} verdict with the cause, never a passed check.
   */
  public static Verdict evaluateRun(RunCheck check, RunContext run) {
    Optional<String> na = check.notApplicable(run);
    if (na.isPresent()) return Verdict.skip(na.get());
    return check.evaluate(run);
  }

  public static CheckEvaluator of(Check check) {
    CheckEvaluator e = IMPLEMENTED.get(check);
    if (e == null) {
      String why = RuleSet.moduleMissing(check).orElse(NOT_IMPLEMENTED);
      return new Rule(check, (s, run) -> Optional.of(why), p -> Verdict.skip(why));
    }
    return new CheckEvaluator() {
      @Override
      public Check check() {
        return e.check();
      }

      @Override
      public Optional<String> notApplicable(Scenario scenario, RunContext run) {
        Optional<String> na = e.notApplicable(scenario, run);
        if (na.isPresent() || run.config().hermetic()) return na;
        if (scenario.injected()) return Optional.of(INJECTED_LIVE);
        if (scenario.has(dev.relaytck.scenario.ScenarioRequests.CLAUDE_CODE) && !CLAUDE_CODE_PROFILE.equals(e.check().spec().profile())) {
          return Optional.of(CLAUDE_CODE_LIVE);
        }
        return dev.relaytck.live.LiveRequests.notProvokable(scenario);
      }

      @Override
      public Verdict evaluate(Probe probe) {
        return e.evaluate(probe);
      }

      @Override
      public dev.relaytck.outcome.SkipBasis skipBasis(RunContext run) {
        return e.skipBasis(run);
      }
    };
  }

  private static final String CLAUDE_CODE_PROFILE = "claude-code";
  /** Why the other profiles' checks leave Claude Code's recorded requests (some 50 kB each) alone in a live run. */
  public static final String CLAUDE_CODE_LIVE =
      "live: Claude Code's recorded requests are sent only for the claude-code checks that read their answer";

  /** Why a scenario whose fault the replay upstream injects does not apply to a live run. */
  public static final String INJECTED_LIVE =
      "the fault is injected by the replay upstream: not applicable in live mode (run hermetic with --replay URL)";

  /**
   * Evaluates {@code check} on {@code scenario}: skipped with the reason when it does not
   * apply; inconclusive when it failed on an upstream 429/529 the scenario did not ask for
   * (not the relay's fault). In hermetic mode only when the journal shows the upstream answered
   * it: the relay's own 429/529 is the relay's.
   */
  /**
   * Whether the status the client got is the upstream's: in hermetic mode the journal says what
   * the replay upstream answered; live, nothing tells, so the benefit of the doubt stays.
   */
  private static boolean upstreamAnswered(Probe probe, Exchange e) {
    if (!probe.run().config().hermetic()) return true;
    return probe.upstream(e).stream().anyMatch(entry -> entry.status() == e.status());
  }

  public static Verdict evaluate(Check check, Scenario scenario, RunContext run) {
    CheckEvaluator evaluator = of(check);
    Optional<String> na = evaluator.notApplicable(scenario, run);
    if (na.isPresent()) return Verdict.skip(na.get(), evaluator.skipBasis(run));
    Probe probe = run.probe(scenario);
    Verdict v;
    try {
      v = evaluator.evaluate(probe);
    } finally {
      run.noteExchanges(check, scenario, probe.touched());
    }
    v = ExchangeLimits.judge(v, check, probe);
    if (v.outcome() == Outcome.FAILED) {
      Exchange e = probe.exchange();
      int asked = scenario.recordedStatus();
      if ((e.status() == 429 || e.status() == 529) && asked != e.status() && upstreamAnswered(probe, e)) {
        Map<String, Object> evidence = new LinkedHashMap<>(v.evidence());
        evidence.put("exchange", e.summary());
        return Verdict.inconclusive("the upstream answered " + e.status() + " without being asked to (rate limit or overload):"
            + " not the relay's fault; run again later", evidence);
      }
    }
    return v;
  }
}
