package dev.relaytck.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ID-030's per-family Fisher test and its exact power, on references built by hand. */
class CapabilityComparisonTests {
  static final RenderedProbe CODE = new RenderedProbe("code-output", ProbeFamily.CODE, "{}", "4", false);

  static List<ProbeAnswer> answers(int right, int wrong) {
    List<ProbeAnswer> out = new ArrayList<>();
    for (int i = 0; i < right; i++) out.add(IdentityStatisticsTests.answer("4"));
    for (int i = 0; i < wrong; i++) out.add(IdentityStatisticsTests.answer("14"));
    return out;
  }

  static Reference reference(int right, int wrong) {
    Reference.Probe probe = new Reference.Probe(CODE.id(), CODE.family(), CODE.body(), CODE.expected(), false, 10, answers(right, wrong));
    return new Reference(Reference.FORMAT, null, null, List.of(probe));
  }

  @Test
  void aReferenceThatNeverSucceedsGivesNoPowerSoNoPass() {
    CapabilityComparison.Result r = CapabilityComparison.compare(reference(0, 10), Map.of(CODE.id(), answers(0, 10)), 0.01);
    assertThat(r.families()).singleElement().satisfies(f -> {
      assertThat(f.differs()).isFalse();
      assertThat(f.power()).isZero();
    });
    assertThat(r.powered()).isEmpty();
  }

  @Test
  void powerGrowsWithSamplesAndTheTestFailsALowerRate() {
    // 9 of 10 against half that rate: little power at 10 answers, most at 30.
    double at10 = CapabilityComparison.power(9, 10, 10, 0.01);
    double at30 = CapabilityComparison.power(27, 30, 30, 0.01);
    assertThat(at10).isLessThan(0.5);
    assertThat(at30).isGreaterThan(at10).isGreaterThan(0.5);
    CapabilityComparison.Result r = CapabilityComparison.compare(reference(27, 3), Map.of(CODE.id(), answers(9, 21)), 0.01);
    assertThat(r.differing()).singleElement().satisfies(f -> {
      assertThat(f.pValue()).isLessThan(0.001);
      assertThat(f.row()).containsKeys("pValue", "power", "reference", "relay");
    });
    CapabilityComparison.Result same = CapabilityComparison.compare(reference(27, 3), Map.of(CODE.id(), answers(26, 4)), 0.01);
    assertThat(same.differing()).isEmpty();
    assertThat(same.powered()).hasSize(1);
  }
}
