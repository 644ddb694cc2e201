package dev.relaytck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.FaultCheck;
import dev.relaytck.check.SkipReasons;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.ScenarioResult;
import dev.relaytck.outcome.SkipBasis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A skip counts towards certification only when every scenario was skipped for a declared absence. */
class SkipBasisTests {
  private static ScenarioResult skipped(String scenario, String reason) {
    return new ScenarioResult(scenario, Outcome.SKIPPED, reason, Map.of(), null, null);
  }

  @Test
  void declaredAbsenceIsTolerated() {
    String reason = SkipReasons.declaredAbsent("relay", "the target is the upstream itself");
    assertThat(reason).isEqualTo("the target declares relay absent (capability -relay): the target is the upstream itself");
    var result = CheckResultCollector.aggregate(FaultCheck.FAULT_020,
        List.of(skipped("text-stream", reason), skipped("text-json", reason)), Map.of());
    assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(result.skipBasis()).isEqualTo(SkipBasis.CAPABILITY_ABSENT);
  }

  @Test
  void anyOtherSkipBlocksCertification() {
    var notImplemented = CheckResultCollector.aggregate(FaultCheck.FAULT_020,
        List.of(skipped("text-stream", "not implemented yet")), Map.of());
    assertThat(notImplemented.skipBasis()).isEqualTo(SkipBasis.NONE);

    var mixed = CheckResultCollector.aggregate(FaultCheck.FAULT_020, List.of(
        skipped("text-stream", SkipReasons.declaredAbsent("relay", "self-check")),
        skipped("text-json", "no scenario applies: not a streaming scenario")), Map.of());
    assertThat(mixed.skipBasis()).isEqualTo(SkipBasis.NONE);
    assertThat(SkipReasons.basisOf(null)).isEqualTo(SkipBasis.NONE);
  }
}
