package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relaytck.catalog.TrialCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.CcDefect;
import dev.relaytck.recordings.trial.TrialTask;
import dev.relaytck.relay.CcHarness;
import dev.relaytck.trial.TrialEngine;
import dev.relaytck.trial.TrialMetric;
import dev.relaytck.trial.TrialPrices;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trial's Claude Code tasks (CC-150 … CC-200) with the real, pinned CLI, hermetically: the kit →
 * the test relay → a defect hop → the replay upstream, whose scripted model answers from what reached
 * it. A relay that rewrites the upstream's 529 into 500 fails the retry task only (the verdicts through
 * a faithful, broken, slow and buffering relay are proven end to end in the runner's RunTrialTests).
 * Skipped, with the reason, when the CLI is not installed (tools/claude-code/install.sh).
 */
class TrialTasksTests {
  @BeforeAll
  static void cliInstalled() {
    assumeTrue(ClaudeCodeSession.locate().isPresent(),
        "the Claude Code CLI is not installed in .tools/claude-code: run tools/claude-code/install.sh");
  }

  /** Every trial check's verdict through a relay with these defects, and the published metric. */
  static Map<String, Verdict> trial(Set<CcDefect> defects, Map<String, Object> metrics) throws Exception {
    try (CcHarness h = new CcHarness(defects, 0.01, 10_000)) {
      Map<String, Verdict> out = new LinkedHashMap<>();
      for (TrialCheck c : TrialCheck.values()) {
        out.put(c.id(), Evaluators.evaluateRun(Evaluators.runCheck(c).orElseThrow(), h.run));
      }
      metrics.putAll(h.run.metrics());
      return out;
    }
  }

  @Test
  void aRelayThatRewrites529To500FailsOnlyTheRetryTask() throws Exception {
    Map<String, Verdict> v = trial(Set.of(CcDefect.REWRITE_OVERLOADED), new LinkedHashMap<>());
    assertThat(v.get("CC-200").outcome()).as(v.get("CC-200").message()).isEqualTo(Outcome.FAILED);
    assertThat(v.get("CC-200").message()).contains("529 overloaded_error reached Claude Code as 500 api_error");
    for (String id : new String[] {"CC-150", "CC-160", "CC-170", "CC-180", "CC-190"}) {
      assertThat(v.get(id).outcome()).as(id + ": " + v.get(id).message()).isEqualTo(Outcome.PASSED);
    }
  }

  /**
   * The budget holds across the CLI's own requests: with a limit just above one request's metered cost
   * (hermetic usage is scripted, priced at the list price), the proxy refuses the CLI's next request,
   * the task it interrupted is reported as stopped by the budget, and the remaining tasks as not run.
   */
  @Test
  void theBudgetStopsTheCliAndSaysWhichTasksDidNotRun() throws Exception {
    try (CcHarness h = new CcHarness(Set.of(), 0.01, 10_000)) {
      TrialEngine.Setup setup = new TrialEngine.Setup(ClaudeCodeSession.locate().orElseThrow(), h.run.config().baseUrl(),
          home -> ClaudeCodeSession.environment(h.run.config(), home), true, TrialPrices.LIST, 0.002);
      TrialEngine.Result r = new TrialEngine(setup).run();

      assertThat(r.budgetReached()).isTrue();
      assertThat(r.tasks().get(TrialTask.QA).status()).isEqualTo("passed");
      assertThat(r.tasks().get(TrialTask.READING).status()).isEqualTo("skipped");
      assertThat(r.tasks().get(TrialTask.READING).reason()).contains("stopped: the trial's budget (--max-cost-usd) was spent");
      assertThat(r.tasks().get(TrialTask.EDIT).reason()).contains("not run: the trial's budget");
      assertThat(r.requests().stream().filter(q -> q.status() != 400).count()).as("nothing sent after the limit").isEqualTo(2);
      assertThat(TrialMetric.of(r, 0.002).errors()).as("a request the kit refused is not the relay's error").isZero();
    }
  }
}
