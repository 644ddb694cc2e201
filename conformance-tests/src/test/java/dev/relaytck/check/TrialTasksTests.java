package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relaytck.catalog.TrialCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.CcDefect;
import dev.relaytck.relay.CcHarness;
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
}
