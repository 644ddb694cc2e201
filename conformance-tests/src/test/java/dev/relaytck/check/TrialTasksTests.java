package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relaytck.catalog.TrialCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.CcDefect;
import dev.relaytck.relay.CcHarness;
import dev.relaytck.trial.TrialMetric;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trial's Claude Code tasks (CC-150 … CC-200) with the real, pinned CLI, hermetically: the kit →
 * the test relay → a defect hop → the replay upstream, whose scripted model answers from what reached
 * it. A faithful relay passes every task; each defect fails the task it breaks, saying why. Skipped,
 * with the reason, when the CLI is not installed (tools/claude-code/install.sh).
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
  void everyTaskPassesThroughAFaithfulRelay() throws Exception {
    Map<String, Object> metrics = new LinkedHashMap<>();
    Map<String, Verdict> v = trial(Set.of(), metrics);
    v.forEach((id, verdict) -> assertThat(verdict.outcome()).as(id + ": " + verdict.message() + " " + verdict.evidence())
        .isEqualTo(Outcome.PASSED));
    TrialMetric m = (TrialMetric) metrics.get("trial");
    assertThat(m.tasks()).hasSize(6);
    assertThat(m.requests()).isGreaterThanOrEqualTo(9);
    assertThat(m.errors()).isZero();
    assertThat(m.ttftP50Ms()).isNotNull();
    assertThat(m.inputTokens()).isPositive();
    System.out.println("trial faithful: " + m);
  }

  @Test
  void aRelayThatBreaksToolInputStreamingFailsTheEditAndReadingTasks() throws Exception {
    Map<String, Verdict> v = trial(Set.of(CcDefect.BREAK_INPUT_JSON_DELTA), new LinkedHashMap<>());
    assertThat(v.get("CC-170").outcome()).as(v.get("CC-170").message()).isEqualTo(Outcome.FAILED);
    assertThat(v.get("CC-170").message()).contains("CC-170").contains("code-edit").contains("node --test");
    assertThat(v.get("CC-150").outcome()).isEqualTo(Outcome.PASSED);
    assertThat(v.get("CC-180").outcome()).isEqualTo(Outcome.PASSED);
    System.out.println("trial broken input_json_delta: " + v.get("CC-170").message() + " / CC-160: " + v.get("CC-160").message());
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
