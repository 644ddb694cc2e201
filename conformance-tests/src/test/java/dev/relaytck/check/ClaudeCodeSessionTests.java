package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relaytck.catalog.CcCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.CcDefect;
import dev.relaytck.relay.CcHarness;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CC-140 with the real, pinned Claude Code CLI: it completes the scripted session through a
 * faithful relay, and fails, saying why, through a relay that breaks input_json_delta or strips the
 * betas its request needs (the replay upstream then answers 400, as the API does). Skipped, with the
 * reason, when the CLI is not installed (tools/claude-code/install.sh; build-and-test installs it).
 */
class ClaudeCodeSessionTests {
  @BeforeAll
  static void cliInstalled() {
    assumeTrue(ClaudeCodeSession.locate().isPresent(),
        "the Claude Code CLI is not installed in .tools/claude-code: run tools/claude-code/install.sh");
  }

  private static Verdict session(Set<CcDefect> defects) throws Exception {
    try (CcHarness h = new CcHarness(defects, 0.01, 5000)) {
      return h.evaluate(EnumSet.of(CcCheck.CC_140)).get("CC-140").get("cc-print-read");
    }
  }

  @Test
  void theScriptedSessionCompletesThroughAFaithfulRelay() throws Exception {
    Verdict v = session(Set.of());
    assertThat(v.outcome()).as(v.message() + " " + v.evidence()).isEqualTo(Outcome.PASSED);
    assertThat(v.message()).contains("Claude Code completed the scripted session").contains("(3 turns) and edited the file");
    System.out.println("CC-140 faithful: " + v.message());
  }

  @Test
  void aRelayThatBreaksInputJsonDeltaFailsTheSession() throws Exception {
    Verdict v = session(Set.of(CcDefect.BREAK_INPUT_JSON_DELTA));
    assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
    assertThat(v.message()).contains("CC-140").contains("the sample file was not edited");
    assertThat(v.evidence()).containsEntry("fileEdited", false);
    System.out.println("CC-140 broken input_json_delta: " + v.message() + " " + v.evidence().get("durationMs") + " ms");
  }

  /**
   * Observed with 2.1.330: when the upstream rejects context_management (its beta stripped) with
   * "context_management: Extra inputs are not permitted", the CLI reads the wording, drops the field
   * and retries, so the session still completes (CC-010 reports the stripped beta). It cannot recover
   * when the relay also rewrites the error wording: then the session fails.
   */
  @Test
  void claudeCodeRecoversFromAStrippedBetaOnlyWhenTheErrorWordingReachesIt() throws Exception {
    Verdict recovered = session(Set.of(CcDefect.ALLOW_LIST_BETAS));
    assertThat(recovered.outcome()).as(recovered.message()).isEqualTo(Outcome.PASSED);

    Verdict v = session(Set.of(CcDefect.ALLOW_LIST_BETAS, CcDefect.REWRITE_ERROR_WORDING));
    assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
    assertThat(v.message()).contains("CC-140").contains("the Claude Code session failed through the relay")
        .contains("The upstream provider rejected the request.");
    System.out.println("CC-140 stripped betas and rewritten errors: " + v.message() + " " + v.evidence().get("durationMs") + " ms");
  }
}
