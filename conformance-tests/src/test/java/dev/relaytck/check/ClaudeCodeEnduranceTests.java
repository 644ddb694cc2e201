package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.CcCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.CcDefect;
import dev.relaytck.relay.CcHarness;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CC-130 (endurance): at time scale 0.01 the 280 s stall becomes 2.8 s; a relay that passes the
 * pause through completes the stream, one that cuts streams idle for 1.5 s fails.
 */
class ClaudeCodeEnduranceTests {
  private static final double SCALE = 0.01;

  @Test
  void aStallShorterThanTheWatchdogPassesThroughAFaithfulRelay() throws Exception {
    try (CcHarness h = new CcHarness(Set.of(), SCALE, 8000)) {
      Verdict v = h.evaluate(EnumSet.of(CcCheck.CC_130)).get("CC-130").get("cc-print-read");
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.PASSED);
      assertThat(v.message()).contains("survived a 2800 ms pause");
    }
  }

  @Test
  void aRelayWithAShortIdleTimeoutFails() throws Exception {
    try (CcHarness h = new CcHarness(Set.of(CcDefect.IDLE_TIMEOUT), SCALE, 8000)) {
      Verdict v = h.evaluate(EnumSet.of(CcCheck.CC_130)).get("CC-130").get("cc-print-read");
      assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("CC-130").contains("a 2800 ms upstream pause after event 3")
          .contains("Claude Code waits 3000 ms at this time scale");
    }
  }

  @Test
  void theKitsOwnIdleTimeoutMustOutlastTheStall() throws Exception {
    try (CcHarness h = new CcHarness(Set.of(), SCALE, 2000)) {
      Verdict v = h.evaluate(EnumSet.of(CcCheck.CC_130)).get("CC-130").get("cc-print-read");
      assertThat(v.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(v.message()).contains("raise relaytck.timeout.idleMs");
    }
  }
}
