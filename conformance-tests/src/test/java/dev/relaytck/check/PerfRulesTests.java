package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.PerfCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.TimingDefect;
import dev.relaytck.relay.TimingHarness;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PERF proven both ways on the real replay upstream at the recorded pace: a faithful relay with
 * 1-byte chunks passes every PERF check, and each timing defect fails exactly the check it
 * exists for. No absolute time is asserted: the checks compare paired and relative figures.
 */
class PerfRulesTests {

  private static Map<PerfCheck, Verdict> evaluateAll(TimingDefect defect, PerfCheck except) throws Exception {
    Map<PerfCheck, Verdict> out = new EnumMap<>(PerfCheck.class);
    try (TimingHarness h = new TimingHarness(defect, Map.of())) {
      for (PerfCheck c : PerfCheck.values()) {
        if (c != except) out.put(c, h.evaluate(c));
      }
      assertThat(h.run.metrics()).containsKey("latency");
    }
    return out;
  }

  @Test
  void aFaithfulRelayWithOneByteChunksPassesEveryPerfCheck() throws Exception {
    Map<PerfCheck, Verdict> v = evaluateAll(null, null);
    v.forEach((check, verdict) -> assertThat(verdict.outcome()).as(check.id() + ": " + verdict.message()).isEqualTo(Outcome.PASSED));
    assertThat(v.get(PerfCheck.PERF_010).evidence()).containsKeys("ttftP50Ms", "byScenario");
    assertThat(v.get(PerfCheck.PERF_020).evidence()).containsKeys("pairs", "medianMs", "ci95LowMs", "ci95HighMs");
    assertThat(v.get(PerfCheck.PERF_030).evidence()).containsKeys("addedDelayP95Ms", "limitMs");
    assertThat(v.get(PerfCheck.PERF_040).evidence()).containsEntry("completed", 8);
    assertThat(v.get(PerfCheck.PERF_050).evidence()).containsEntry("errors", 0);
  }

  @ParameterizedTest
  @EnumSource(value = TimingDefect.class, names = {"FIXED_LATENCY", "COALESCE_EVENTS", "LATENCY_UNDER_CONCURRENCY",
      "DROP_UNDER_CONCURRENCY", "FLAKY"})
  void eachTimingDefectFailsExactlyItsCheck(TimingDefect defect) throws Exception {
    PerfCheck expected = switch (defect) {
      case FIXED_LATENCY -> PerfCheck.PERF_020;
      case COALESCE_EVENTS -> PerfCheck.PERF_030;
      case LATENCY_UNDER_CONCURRENCY, DROP_UNDER_CONCURRENCY -> PerfCheck.PERF_040;
      case FLAKY -> PerfCheck.PERF_050;
      default -> throw new IllegalArgumentException(defect.name());
    };
    // With 400 ms added to every request, PERF-050's hundred sequential requests would take 40 s;
    // it counts errors only, which this relay makes none of.
    Map<PerfCheck, Verdict> v = evaluateAll(defect, defect == TimingDefect.FIXED_LATENCY ? PerfCheck.PERF_050 : null);
    assertThat(v.get(expected).outcome()).as(expected.id() + ": " + v.get(expected).message()).isEqualTo(Outcome.FAILED);
    assertThat(v.get(expected).message()).isNotBlank();
    v.forEach((check, verdict) -> {
      if (check != expected) {
        assertThat(verdict.outcome()).as(defect + " must not fail " + check.id() + ": " + verdict.message())
            .isNotEqualTo(Outcome.FAILED);
      }
    });
  }
}
