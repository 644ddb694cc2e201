package dev.relaytck.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.SseCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckResultTests {
  @Test
  void onlyAFailureOrErrorWithAJustificationIsWaived() {
    assertThat(new CheckResult(SseCheck.SSE_010, Outcome.FAILED, "m", null, List.of(), "known: ticket 7").waived()).isTrue();
    assertThat(new CheckResult(SseCheck.SSE_010, Outcome.ERROR, "m", null, List.of(), "known: ticket 7").waived()).isTrue();
    assertThat(new CheckResult(SseCheck.SSE_010, Outcome.PASSED, "m", null, List.of(), "known: ticket 7").waived()).isFalse();
    assertThat(new CheckResult(SseCheck.SSE_010, Outcome.FAILED, "m", null, List.of(), null).waived()).isFalse();
  }

  @Test
  void theSixArgumentFormKeepsWorkingWithNoSkipBasis() {
    CheckResult r = new CheckResult(SseCheck.SSE_010, Outcome.SKIPPED, "m", null, null, null);
    assertThat(r.skipBasis()).isEqualTo(SkipBasis.NONE);
    assertThat(r.scenarios()).isEmpty();
    assertThat(SkipBasis.CAPABILITY_ABSENT.wireName()).isEqualTo("capability-absent");
    assertThat(SkipBasis.OPTIONAL_FEATURE.tolerated()).isTrue();
    assertThat(SkipBasis.NONE.tolerated()).isFalse();
  }

  @Test
  void theNineArgumentRunResultHasNoExchanges() {
    RunResult run = new RunResult("v", "live", "t", null, 0, null, false, null, null);
    assertThat(run.exchanges()).isEmpty();
    assertThat(run.checks()).isEmpty();
  }
}
