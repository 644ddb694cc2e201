package dev.relaytck.junit;

import dev.relaytck.outcome.SkipBasis;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.ExchangeRecords;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.outcome.ExchangeRecord;
import dev.relaytck.outcome.StreamTiming;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the suite's outcomes as {@link CheckResult}s keyed by check ID, for the runner's
 * reports: a check fails when any scenario fails, and lists which. Register it with the
 * JUnit Launcher; read {@link #results()} after the run.
 */
public final class CheckResultCollector implements TestExecutionListener {
  private static final Pattern ID = Pattern.compile("^\\[([A-Z]+-\\d{3})] ?(.*)$");

  private final Map<String, List<ScenarioResult>> byCheck = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> evidence = new ConcurrentHashMap<>();
  /** The basis of each skip, by check ID and scenario, as the skip carried it. */
  private final Map<String, SkipBasis> skipBases = new ConcurrentHashMap<>();
  private volatile TestPlan plan;
  private volatile String unreachable;
  /** When each test started (System.nanoTime), by unique id: every case in junit.xml gets its measured time. */
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final ThreadLocal<Double> finishedMs = new ThreadLocal<>();

  @Override
  public void executionStarted(TestIdentifier id) {
    if (id.isTest()) started.put(id.getUniqueId(), System.nanoTime());
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    checkOf(id).ifPresent(check -> record(check, scenarioOf(id), Outcome.SKIPPED, reason, null));
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Optional<String> check = checkOf(id);
    if (check.isEmpty()) return;
    boolean container = id.isContainer();
    Long t0 = started.remove(id.getUniqueId());
    finishedMs.set(t0 == null ? 0.0 : (System.nanoTime() - t0) / 1e6);
    Throwable t = result.getThrowable().orElse(null);
    if (container && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) return;
    String scenario = container ? "(container)" : scenarioOf(id);
    switch (result.getStatus()) {
      case SUCCESSFUL -> record(check.get(), scenario, Outcome.PASSED, "passed", null);
      case ABORTED -> {
        if (t instanceof TargetUnreachableAbort) unreachable = t.getMessage();
        if (t instanceof CheckInconclusiveException ci) {
          record(check.get(), scenario, Outcome.INCONCLUSIVE, t.getMessage(), ci.verdict());
        } else {
          if (t instanceof CheckSkippedException cs) skipBases.put(check.get() + " " + scenario, cs.basis());
          record(check.get(), scenario, Outcome.SKIPPED, t == null ? "skipped" : t.getMessage(), null);
        }
      }
      case FAILED -> {
        if (t instanceof CheckFailedError f) {
          record(check.get(), scenario, Outcome.FAILED, f.getMessage(), f.verdict());
        } else if (t instanceof AssertionError) {
          record(check.get(), scenario, Outcome.FAILED, t.getMessage(), null);
        } else {
          record(check.get(), scenario, Outcome.ERROR, "the kit failed: " + t, null);
        }
      }
    }
  }

  private void record(String check, String scenario, Outcome outcome, String message, Verdict verdict) {
    Map<String, Object> ev = verdict == null ? Map.of() : verdict.evidence();
    byCheck.computeIfAbsent(check, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(new ScenarioResult(scenario, outcome, message, ev, null, null, durationOfFinishing()));
    if (outcome == Outcome.FAILED && !ev.isEmpty()) evidence.putIfAbsent(check, ev);
  }

  /** The duration measured for the test whose outcome is being recorded on this thread (0 for skips). */
  private double durationOfFinishing() {
    Double ms = finishedMs.get();
    finishedMs.remove();
    return ms == null ? 0.0 : ms;
  }

  private Optional<String> checkOf(TestIdentifier id) {
    Matcher m = ID.matcher(id.getDisplayName());
    if (m.matches()) return Optional.of(m.group(1));
    return Optional.empty();
  }

  private String scenarioOf(TestIdentifier id) {
    Matcher m = ID.matcher(id.getDisplayName());
    return m.matches() ? m.group(2) : id.getDisplayName();
  }

  /** The message of the unreachable target, when the run could not reach it at all. */
  public Optional<String> unreachable() {
    return Optional.ofNullable(unreachable);
  }

  /** One result per check that ran, in catalog order. */
  public List<CheckResult> results() {
    List<CheckResult> out = new ArrayList<>();
    for (Check check : Catalog.all()) {
      List<ScenarioResult> scenarios = byCheck.get(check.id());
      if (scenarios == null) continue;
      List<ScenarioResult> list;
      synchronized (scenarios) {
        list = List.copyOf(scenarios);
      }
      out.add(aggregate(check, list, evidence.getOrDefault(check.id(), Map.of()),
          s -> skipBases.getOrDefault(check.id() + " " + s.scenario(), SkipBasis.NONE)));
    }
    return out;
  }

  /**
   * The results with the exchanges behind them, from the suite's run context: each failing, in
   * error or inconclusive scenario names the exchange behind its verdict (the last one its
   * check read), and each streamed scenario carries its timing.
   */
  public List<CheckResult> results(RunContext run) {
    Map<String, Optional<StreamTiming>> timings = new java.util.HashMap<>();
    List<CheckResult> out = new ArrayList<>();
    for (CheckResult r : results()) {
      List<ScenarioResult> scenarios = new ArrayList<>();
      for (ScenarioResult s : r.scenarios()) {
        List<String> keys = run.exchangesBehind(r.check().id(), s.scenario());
        if (keys.isEmpty()) {
          scenarios.add(s);
          continue;
        }
        boolean behind = s.outcome() == Outcome.FAILED || s.outcome() == Outcome.ERROR || s.outcome() == Outcome.INCONCLUSIVE;
        StreamTiming timing = keys.contains(s.scenario())
            ? timings.computeIfAbsent(s.scenario(), k -> ExchangeRecords.timing(run, k)).orElse(null)
            : null;
        scenarios.add(new ScenarioResult(s.scenario(), s.outcome(), s.message(), s.evidence(),
            behind ? keys.get(keys.size() - 1) : null, timing, s.durationMs()));
      }
      out.add(new CheckResult(r.check(), r.outcome(), r.message(), r.evidence(), scenarios, r.waiver(), r.skipBasis()));
    }
    return out;
  }

  /** The records of the exchanges {@code results} refer to, once each. */
  public static List<ExchangeRecord> exchanges(RunContext run, List<CheckResult> results) {
    Map<String, String> wanted = new LinkedHashMap<>();
    results.forEach(r -> r.scenarios().forEach(s -> {
      if (s.exchange() != null) wanted.putIfAbsent(s.exchange(), s.scenario());
    }));
    List<ExchangeRecord> out = new ArrayList<>();
    wanted.forEach((id, scenario) -> ExchangeRecords.record(run, id, scenario).ifPresent(out::add));
    return out;
  }

  /** FAILED beats ERROR beats INCONCLUSIVE beats PASSED beats SKIPPED; the message says which scenarios. */
  static CheckResult aggregate(Check check, List<ScenarioResult> scenarios, Map<String, Object> evidence,
      java.util.function.Function<ScenarioResult, SkipBasis> basisOf) {
    List<ScenarioResult> real = scenarios.stream().filter(s -> !s.scenario().equals(Suite.SKIPPED_NAME)).toList();
    for (Outcome o : List.of(Outcome.FAILED, Outcome.ERROR, Outcome.INCONCLUSIVE, Outcome.PASSED)) {
      List<ScenarioResult> hit = real.stream().filter(s -> s.outcome() == o).toList();
      if (!hit.isEmpty()) {
        String message = o == Outcome.PASSED
            ? "passed on " + hit.size() + " scenario(s)"
            : hit.size() + " scenario(s) " + o.wireName() + ": " + hit.get(0).scenario() + ": " + hit.get(0).message();
        return new CheckResult(check, o, message, new LinkedHashMap<>(evidence), scenarios, null);
      }
    }
    String reason = scenarios.isEmpty() ? "not run" : scenarios.get(0).message();
    // Tolerated by certification only when every scenario was skipped on the same tolerated basis.
    java.util.Set<SkipBasis> bases = scenarios.stream().map(basisOf).collect(java.util.stream.Collectors.toSet());
    SkipBasis basis = bases.size() == 1 ? bases.iterator().next() : SkipBasis.NONE;
    return new CheckResult(check, Outcome.SKIPPED, reason, Map.of(), scenarios, null, basis);
  }
}
