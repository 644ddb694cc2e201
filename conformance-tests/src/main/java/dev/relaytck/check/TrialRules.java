package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.TrialCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.recordings.trial.TrialTask;
import dev.relaytck.trial.TaskOutcome;
import dev.relaytck.trial.TrialEngine;
import dev.relaytck.trial.TrialMetric;
import dev.relaytck.trial.TrialPrices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The trial's Claude Code tasks (CC-150 … CC-200) as run-level checks: the first one evaluated runs
 * every task once through {@link TrialEngine} (they share a project and a budget), publishes
 * {@code metrics.trial}, and each check then judges its own task.
 */
final class TrialRules implements RunCheck {
  private static final Map<RunContext, TrialEngine.Result> RUNS = new WeakHashMap<>();
  private static final Map<RunContext, String> FAILED = new WeakHashMap<>();

  private final TrialCheck check;
  private final TrialTask task;

  private TrialRules(TrialCheck check, TrialTask task) {
    this.check = check;
    this.task = task;
  }

  static List<RunCheck> all() {
    return List.of(new TrialRules(TrialCheck.CC_150, TrialTask.QA), new TrialRules(TrialCheck.CC_160, TrialTask.READING),
        new TrialRules(TrialCheck.CC_170, TrialTask.EDIT), new TrialRules(TrialCheck.CC_180, TrialTask.LONG_CONTEXT),
        new TrialRules(TrialCheck.CC_190, TrialTask.CONTINUE), new TrialRules(TrialCheck.CC_200, TrialTask.RETRY));
  }

  @Override
  public Check check() {
    return check;
  }

  @Override
  public Optional<String> notApplicable(RunContext run) {
    if (ClaudeCodeSession.locate().isEmpty()) {
      return Optional.of("the trial's Claude Code tasks need the CLI, which is not installed: run tools/claude-code/install.sh"
          + " (installs into .tools/claude-code) or set -D" + ClaudeCodeSession.CLI_KEY + "=PATH");
    }
    // Hermetically, only an upstream that serves the Claude Code scenarios (relay-tck serve) also runs the scripted
    // model the CLI's sessions need; another upstream would fail every task for a reason that is not the relay's.
    if (run.config().hermetic()
        && run.scenarios().all().stream().noneMatch(s -> s.features().contains(ClaudeCodeRecordings.FEATURE))) {
      return Optional.of("the replay upstream serves none of the Claude Code scenarios, so it cannot answer the trial's"
          + " Claude Code sessions: run 'relay-tck serve' without --recordings");
    }
    return Optional.empty();
  }

  @Override
  public Verdict evaluate(RunContext run) {
    Optional<TrialEngine.Result> result = result(run);
    if (result.isEmpty()) {
      String why;
      synchronized (RUNS) {
        why = FAILED.get(run);
      }
      return Verdict.inconclusive("the trial could not run: " + why, Map.of());
    }
    TaskOutcome t = result.get().tasks().get(task);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("task", t.id());
    evidence.put("wallMs", t.wallMs());
    evidence.put("requests", t.requests());
    evidence.put("ttftMs", t.ttftMs());
    evidence.put("errors", t.errors());
    evidence.put("answer", t.answer());
    return switch (t.status()) {
      case "skipped" -> Verdict.skip(t.reason());
      case "passed" -> Verdict.of(List.of(), "task " + t.id() + " completed in " + t.wallMs() + " ms (" + t.requests() + " requests)", evidence);
      default -> Verdict.of(List.of(Violation.of(check, Location.NONE, "task " + t.id() + " failed: " + t.reason())), "", evidence);
    };
  }

  /** Runs the trial once per run; later callers get the same result. */
  private static Optional<TrialEngine.Result> result(RunContext run) {
    synchronized (RUNS) {
      if (RUNS.containsKey(run)) return Optional.of(RUNS.get(run));
      if (FAILED.containsKey(run)) return Optional.empty();
      try {
        TrialPrices prices = run.setting(EvidenceSettings.PRICE)
            .map(p -> TrialPrices.parse(p, run.setting(EvidenceSettings.CURRENCY_RATE).map(Double::parseDouble).orElse(1.0)))
            .orElse(TrialPrices.LIST);
        double limit = run.config().hermetic() ? Double.POSITIVE_INFINITY
            : run.setting(EvidenceSettings.TRIAL_BUDGET_USD).or(() -> run.setting(EvidenceSettings.MAX_COST_USD)).map(Double::parseDouble).orElse(0.50);
        Path cli = ClaudeCodeSession.locate().orElseThrow();
        TrialEngine.Setup setup = new TrialEngine.Setup(cli, run.config().baseUrl(),
            home -> ClaudeCodeSession.environment(run.config(), home), run.config().hermetic(), prices, limit);
        TrialEngine.Result r = new TrialEngine(setup).run();
        run.putMetric("trial", TrialMetric.of(r, limit));
        RUNS.put(run, r);
        return Optional.of(r);
      } catch (IOException | RuntimeException e) {
        FAILED.put(run, String.valueOf(e.getMessage()));
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        FAILED.put(run, "interrupted");
        return Optional.empty();
      }
    }
  }
}
