package dev.relaytck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.FaultCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.ScenarioResult;
import dev.relaytck.outcome.SkipBasis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A skip counts towards certification only when every scenario was skipped on a tolerated basis,
 * carried as data with the skip: the wording of a reason never decides it.
 */
class SkipBasisTests {
  private static ScenarioResult skipped(String scenario, String reason) {
    return new ScenarioResult(scenario, Outcome.SKIPPED, reason, Map.of(), null, null);
  }

  @Test
  void aDeclaredAbsenceCarriedAsDataIsTolerated() {
    var result = CheckResultCollector.aggregate(FaultCheck.FAULT_020,
        List.of(skipped("text-stream", "anything"), skipped("text-json", "anything")), Map.of(),
        s -> SkipBasis.CAPABILITY_ABSENT);
    assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(result.skipBasis()).isEqualTo(SkipBasis.CAPABILITY_ABSENT);
  }

  @Test
  void aReasonThatMerelySaysSoIsNotTolerated() {
    // The wording the old text matching accepted: without the basis as data it blocks certification.
    var worded = CheckResultCollector.aggregate(FaultCheck.FAULT_020,
        List.of(skipped("text-stream", "the target declares relay absent (capability -relay): the target is the upstream itself")),
        Map.of(), s -> SkipBasis.NONE);
    assertThat(worded.skipBasis()).isEqualTo(SkipBasis.NONE);

    var mixed = CheckResultCollector.aggregate(FaultCheck.FAULT_020, List.of(
        skipped("text-stream", "self-check"), skipped("text-json", "no scenario applies: not a streaming scenario")), Map.of(),
        s -> s.scenario().equals("text-stream") ? SkipBasis.SELF_CHECK : SkipBasis.NONE);
    assertThat(mixed.skipBasis()).isEqualTo(SkipBasis.NONE);
  }
}
