package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.SecCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.security.BlackBoxLimits;
import dev.relaytck.security.CanaryChecks;
import dev.relaytck.security.CanaryHits;
import dev.relaytck.security.CanaryPrompt;
import dev.relaytck.security.Endurance;
import dev.relaytck.security.Finding;
import dev.relaytck.security.LiveBudget;
import dev.relaytck.security.LiveProbes;
import dev.relaytck.security.RecordedComparison;
import dev.relaytck.security.RecordedScenarios;
import dev.relaytck.security.SecurityRun;
import dev.relaytck.security.SessionIsolation;
import dev.relaytck.security.TransportProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The SEC checks (tampering, injected content, crossed sessions, leaks, transport): run-level
 * checks over the engine in {@code dev.relaytck.security}, which gathers the evidence. A
 * failure lists every finding with the exact bytes that differ; {@code metrics.security}
 * carries the figures the report draws.
 */
final class SecRules {
  private SecRules() {}

  static List<RunCheck> all() {
    return List.of(
        check(SecCheck.SEC_010, SecRules::needsToolScenarios, SecRules::toolIntegrity),
        check(SecCheck.SEC_020, run -> Optional.empty(), SecRules::injectedContent),
        check(SecCheck.SEC_030, run -> Optional.empty(), SecRules::isolation),
        check(SecCheck.SEC_040, SecRules::needsToolScenarios, SecRules::endurance),
        check(SecCheck.SEC_050, run -> run.primary().isPresent() || !run.config().hermetic() && LiveProbes.model(run) != null
            ? Optional.empty() : Optional.of("no successful messages scenario to carry the canary prompt (or, live, no --model)"),
            SecRules::canarySecrets),
        check(SecCheck.SEC_060, run -> run.config().hermetic() ? Optional.empty()
            : Optional.of("canary URLs are served by the replay upstream: hermetic only (run with --replay URL)"), SecRules::canaryUrls),
        check(SecCheck.SEC_070, run -> Optional.empty(), SecRules::transport),
        check(SecCheck.SEC_080, run -> Optional.empty(), SecRules::notObservable));
  }

  private static RunCheck check(Check check, Function<RunContext, Optional<String>> na, Function<RunContext, Verdict> evaluate) {
    return new RunCheck() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public Optional<String> notApplicable(RunContext run) {
        return na.apply(run);
      }

      @Override
      public Verdict evaluate(RunContext run) {
        return evaluate.apply(run);
      }

      /** The live probes, so the run's estimate, --dry-run and the --max-cost-usd refusal count them. */
      @Override
      public List<PlannedSend> plannedSends(RunContext run) {
        if (run.config().hermetic() || na.apply(run).isPresent()) return List.of();
        return LiveBudget.of(check, run).map(b -> b.plannedSend(check, run)).stream().toList();
      }
    };
  }

  private static Optional<String> needsToolScenarios(RunContext run) {
    if (!run.config().hermetic()) return Optional.empty();
    return RecordedScenarios.withToolCalls(run).isEmpty() ? Optional.of("no recorded scenario calls a tool") : Optional.empty();
  }

  /** Failed with every finding in the evidence (the first five in the message), or passed. */
  static Verdict judge(List<Finding> findings, String pass, Map<String, Object> context) {
    if (findings.isEmpty()) return new Verdict(Outcome.PASSED, pass, List.of(), context);
    Map<String, Object> evidence = new LinkedHashMap<>(context);
    evidence.put("findings", findings.stream().limit(20).map(Finding::evidence).toList());
    String message = findings.size() + " difference(s) from what the upstream sent: "
        + String.join("; ", findings.stream().limit(5).map(Finding::message).toList())
        + (findings.size() > 5 ? "; and " + (findings.size() - 5) + " more" : "");
    return new Verdict(Outcome.FAILED, message, List.of(), evidence);
  }

  private static Verdict toolIntegrity(RunContext run) {
    if (run.config().hermetic()) {
      RecordedComparison c = RecordedComparison.of(run, RecordedScenarios.withToolCalls(run));
      return recorded(run, SecCheck.SEC_010, "integrity", c, c.toolInputs(), c.toolFindings(),
          c.toolInputs() + " tool input(s) in " + c.compared() + " exchange(s) equal the recordings byte for byte");
    }
    LiveBudget budget = budget(run, SecCheck.SEC_010);
    if (!SecurityRun.of(run).reserve(budget)) return overBudget(budget, run);
    List<LiveProbes.LiteralCall> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) calls.add(LiveProbes.literalCall(run, "sec-010#" + i, i));
    return literalVerdict(SecCheck.SEC_010, run, calls, budget, "integrity");
  }

  /** A hermetic comparison with the recordings: {@code items} compared, {@code findings} the differences among them. */
  private static Verdict recorded(RunContext run, SecCheck check, String metric, RecordedComparison c, int items,
      List<Finding> findings, String pass) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("exchanges", c.compared());
    ctx.put("compared", items);
    if (!c.unreadable().isEmpty()) ctx.put("unreadable", c.unreadable());
    SecurityRun.of(run).publish(metric, figures(c.compared(), items, findings.size(), c.unreadable()), check.id(), findings);
    if (c.compared() == 0) return Verdict.inconclusive("no exchange could be compared: " + c.unreadable(), ctx);
    return judge(findings, pass, ctx);
  }

  private static Verdict literalVerdict(Check check, RunContext run, List<LiveProbes.LiteralCall> calls, LiveBudget budget, String metric) {
    List<Finding> findings = calls.stream().flatMap(c -> c.finding().stream()).toList();
    long exact = calls.stream().filter(c -> !c.inconclusive() && c.finding().isEmpty()).count();
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("probes", calls.size());
    ctx.put("exact", exact);
    ctx.put("budget", budget.describe(run));
    ctx.put("notes", calls.stream().map(c -> c.label() + ": " + c.note()).toList());
    SecurityRun.of(run).publish(metric, ctx, check.id(), findings);
    if (findings.isEmpty() && exact == 0) return Verdict.inconclusive("no probe gave evidence either way: " + ctx.get("notes"), ctx);
    return judge(findings, exact + " of " + calls.size() + " probe(s) came back exactly as asked", ctx);
  }

  private static Verdict injectedContent(RunContext run) {
    if (run.config().hermetic()) {
      RecordedComparison c = RecordedComparison.of(run, RecordedScenarios.comparable(run));
      return recorded(run, SecCheck.SEC_020, "content", c, c.textBlocks(), c.textFindings(),
          c.textBlocks() + " text block(s) in " + c.compared() + " exchange(s) equal the recordings; nothing added");
    }
    LiveBudget budget = budget(run, SecCheck.SEC_020);
    if (!SecurityRun.of(run).reserve(budget)) return overBudget(budget, run);
    return literalVerdict(SecCheck.SEC_020, run, List.of(LiveProbes.sentinel(run, "sec-020#0"), LiveProbes.sentinel(run, "sec-020#1")),
        budget, "content");
  }

  private static Verdict isolation(RunContext run) {
    boolean hermetic = run.config().hermetic();
    int n = SessionIsolation.concurrency(run);
    if (!hermetic) {
      LiveBudget budget = budget(run, SecCheck.SEC_030);
      if (!SecurityRun.of(run).reserve(budget)) return overBudget(budget, run);
    }
    SessionIsolation.Result r = hermetic ? SessionIsolation.hermetic(run) : SessionIsolation.live(run);
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("concurrency", r.requests());
    ctx.put("distinctAnswers", r.distinct());
    ctx.put("exchanges", r.exchanges());
    if (!r.unreadable().isEmpty()) ctx.put("unreadable", r.unreadable());
    Map<String, Object> fig = new LinkedHashMap<>();
    fig.put("concurrency", r.requests());
    fig.put("distinctAnswers", r.distinct());
    fig.put("crossed", r.crossed().size());
    fig.put("unreadable", r.unreadable().size());
    SecurityRun.of(run).publish("isolation", fig, "SEC-030", r.crossed());
    int readable = r.requests() - r.unreadable().size();
    if (r.crossed().isEmpty() && (readable < 2 || r.distinct() < 2)) {
      return Verdict.inconclusive("too few distinguishable answers in flight at once (" + readable + " readable, "
          + r.distinct() + " distinct): a crossing could not have shown", ctx);
    }
    return judge(r.crossed(), readable + " concurrent request(s) each received its own answer", ctx);
  }

  private static Verdict endurance(RunContext run) {
    int calls = Endurance.calls(run);
    if (run.config().hermetic()) {
      Endurance.Result r = Endurance.hermetic(run);
      Map<String, Object> ctx = new LinkedHashMap<>();
      ctx.put("calls", r.calls());
      ctx.put("integrityProbes", r.probes());
      ctx.put("seed", r.seed());
      ctx.put("firstTamperedCall", r.firstTamperedCall());
      ctx.put("tamperedCalls", r.tamperedCalls());
      if (!r.unreadable().isEmpty()) ctx.put("unreadable", r.unreadable().stream().limit(10).toList());
      SecurityRun.of(run).publish("endurance", new LinkedHashMap<>(ctx), "SEC-040", r.findings());
      if (r.unreadable().size() == r.calls()) return Verdict.inconclusive("no call could be compared", ctx);
      if (r.firstTamperedCall() > 0) {
        Verdict v = judge(r.findings(), "", ctx);
        return new Verdict(Outcome.FAILED, "behaviour changed from call " + r.firstTamperedCall() + " of " + r.calls() + " ("
            + r.tamperedCalls() + " call(s) differ from the recordings; seed " + r.seed() + "): " + v.message(), List.of(), v.evidence());
      }
      return Verdict.pass(r.calls() + " calls (" + r.probes() + " integrity probes, seed " + r.seed() + ") all equal the recordings");
    }
    LiveBudget budget = budget(run, SecCheck.SEC_040);
    if (!SecurityRun.of(run).reserve(budget)) return overBudget(budget, run);
    long seed = Endurance.seed(run);
    Random random = new Random(seed);
    List<LiveProbes.LiteralCall> probes = new ArrayList<>();
    int first = 0;
    for (int i = 1; i <= calls; i++) {
      if (random.nextBoolean()) {
        LiveProbes.LiteralCall c = LiveProbes.literalCall(run, "call " + i, random.nextInt(1 << 16));
        probes.add(c);
        if (first == 0 && c.finding().isPresent()) first = i;
      } else {
        LiveProbes.ordinary(run, "call " + i, random);
      }
    }
    Verdict v = literalVerdict(SecCheck.SEC_040, run, probes, budget, "endurance");
    if (first > 0) return new Verdict(Outcome.FAILED, "behaviour changed from call " + first + " of " + calls + ": " + v.message(),
        List.of(), v.evidence());
    return v;
  }

  private static Verdict canarySecrets(RunContext run) {
    if (!run.config().hermetic()) {
      LiveBudget budget = budget(run, SecCheck.SEC_050);
      if (!SecurityRun.of(run).reserve(budget)) return overBudget(budget, run);
    }
    CanaryPrompt.Sent sent = CanaryPrompt.sent(run).orElseThrow();
    List<Finding> findings = new ArrayList<>();
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("exchange", sent.exchange().summary());
    if (run.config().hermetic()) {
      Probe p = run.probe(run.primary().orElseThrow());  // reads the journal for the canary exchange's nonce
      findings.addAll(CanaryChecks.forwarding(sent.prompt(), sent.exchange(), p.upstream(sent.exchange())));
    }
    if (sent.exchange().status() != 200) {
      return Verdict.inconclusive("the canary prompt was not answered: " + sent.exchange().summary(), ctx);
    }
    findings.addAll(CanaryChecks.echoed(sent.prompt(), sent.exchange()));
    Map<String, Object> fig = new LinkedHashMap<>();
    fig.put("canaries", sent.prompt().canaries().literals().size());
    fig.put("forwardedIntact", run.config().hermetic() ? findings.stream().noneMatch(f -> !f.where().startsWith("response")) : null);
    fig.put("echoed", findings.stream().filter(f -> f.where().startsWith("response")).count());
    SecurityRun.of(run).publish("canaries", fig, "SEC-050", findings);
    return judge(findings, "the canary secrets were " + (run.config().hermetic() ? "forwarded once and unchanged and " : "")
        + "not repeated in the answer", ctx);
  }

  private static Verdict canaryUrls(RunContext run) {
    CanaryPrompt.Sent sent = CanaryPrompt.sent(run).orElseThrow();
    // A relay may fetch after answering: wait a bounded grace period before reading the hits.
    try {
      Thread.sleep(GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("canaryUrl", sent.prompt().canaryUrl());
    ctx.put("graceMs", GRACE.toMillis());
    Optional<List<CanaryHits.Hit>> hits = CanaryHits.read(run.config().replayUrl(), sent.prompt().marker().nonce(), run.config().timeouts().connect());
    if (hits.isEmpty()) return Verdict.inconclusive("the upstream at --replay publishes no canary record (not relay-tck's replay upstream)", ctx);
    List<Finding> findings = hits.get().stream().map(h -> new Finding("canary prompt", "fetch of " + h.url(),
        "the canary URL, written only in the prompt, was fetched at " + h.receivedAt() + " from " + h.clientIp()
            + " with user-agent " + h.headers().getOrDefault("User-Agent", h.headers().getOrDefault("user-agent", List.of("none"))),
        null, List.of())).toList();
    Map<String, Object> fig = new LinkedHashMap<>();
    fig.put("canaryUrlFetches", hits.get().size());
    fig.put("hits", hits.get());
    SecurityRun.of(run).publish("canaryUrls", fig, "SEC-060", findings);
    if (!findings.isEmpty()) ctx.put("hits", hits.get());
    if (sent.exchange().status() != 200 && findings.isEmpty()) {
      return Verdict.inconclusive("the canary prompt was not answered: " + sent.exchange().summary(), ctx);
    }
    return judge(findings, "no fetch of the canary URL within " + GRACE.toMillis() + " ms of the answer", ctx);
  }

  /** How long after the canary exchange SEC-060 waits for a late fetch. */
  static final Duration GRACE = Duration.ofMillis(500);

  private static Verdict transport(RunContext run) {
    javax.net.ssl.SSLContext ctx;
    try {
      ctx = javax.net.ssl.SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("TLS is required of every JVM", e);
    }
    return transport(run, ctx);
  }

  /** SEC-070 with the given trust (the process default honours --ca-cert). */
  static Verdict transport(RunContext run, javax.net.ssl.SSLContext trust) {
    TransportProbe.Result r = TransportProbe.probe(run.config().baseUrl(), trust, run.config().timeouts().connect());
    SecurityRun.of(run).publish("transport", r.facts(), null, null);
    if (!r.applicable()) return Verdict.skip(r.reason());
    List<Finding> findings = r.problems().stream().map(p -> new Finding(run.config().baseUrl().getHost(), "transport", p, null, List.of())).toList();
    return judge(findings, "TLS " + r.facts().get("protocol") + ", chain valid for " + run.config().baseUrl().getHost()
        + ", HSTS set, no redirect to http", new LinkedHashMap<>(r.facts()));
  }

  private static Verdict notObservable(RunContext run) {
    SecurityRun.of(run).publish(null, null, null, null);
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("askTheRelay", BlackBoxLimits.QUESTIONS);
    ctx.put("advice", BlackBoxLimits.ADVICE);
    return new Verdict(Outcome.SKIPPED, "not observable from outside the relay; ask its operator: "
        + String.join(" ", BlackBoxLimits.QUESTIONS), List.of(), ctx);
  }

  private static LiveBudget budget(RunContext run, SecCheck check) {
    return LiveBudget.of(check, run).orElseThrow();
  }

  private static Verdict overBudget(LiveBudget budget, RunContext run) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("estimate", budget.describe(run));
    return Verdict.inconclusive("not run for lack of budget: " + budget.describe(run)
        + ", on top of what the other SEC checks of this run reserved; raise --max-cost-usd", ctx);
  }

  private static Map<String, Object> figures(int exchanges, int items, int findings, List<String> unreadable) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("exchanges", exchanges);
    m.put("compared", items);
    m.put("differences", findings);
    m.put("unreadable", unreadable.size());
    return m;
  }
}
