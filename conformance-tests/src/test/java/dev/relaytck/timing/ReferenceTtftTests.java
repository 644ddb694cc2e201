package dev.relaytck.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.identity.ProbeAnswer;
import dev.relaytck.identity.ProbeFamily;
import dev.relaytck.identity.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PERF-020 live without a baseline: the relay's time to first token against the reference's
 * recorded one. A relay within the limit is not flagged; one slower by far more than the limit
 * is, with a small p-value; the long-context probes' slow first tokens are left out.
 */
class ReferenceTtftTests {
  private static Reference reference(double ttftMs, double recallTtftMs) {
    Random r = new Random(3);
    List<ProbeAnswer> open = new ArrayList<>();
    for (int i = 0; i < 12; i++) open.add(answer(ttftMs * (0.8 + 0.4 * r.nextDouble())));
    List<ProbeAnswer> recall = List.of(answer(recallTtftMs), answer(recallTtftMs));
    return new Reference(Reference.FORMAT, null, null, List.of(
        new Reference.Probe("open-story", ProbeFamily.OPEN, "{}", null, false, 10, open),
        new Reference.Probe("recall-depth-10", ProbeFamily.RECALL, "{}", "1234", true, 20_000, recall)));
  }

  private static ProbeAnswer answer(double ttft) {
    return new ProbeAnswer(200, "text", List.of(), "end_turn", 10, 20, "msg_1", ttft, ttft + 300, List.of(), null);
  }

  private static List<Double> relay(double ttftMs) {
    Random r = new Random(5);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < 12; i++) out.add(ttftMs * (0.8 + 0.4 * r.nextDouble()));
    return out;
  }

  @Test
  void aRelayAsFastAsTheReferenceIsWithinTheLimit() {
    ReferenceTtft t = ReferenceTtft.of(relay(400), reference(390, 5_000), 50);
    assertThat(t.referenceMs()).hasSize(12);
    assertThat(t.relayP50() - t.referenceP50()).isLessThan(50);
    assertThat(t.pValue()).isGreaterThan(0.05);
    assertThat(t.evidence()).containsKeys("test", "relaySamples", "referenceSamples", "ratio", "pValue");
  }

  @Test
  void aRelaySlowerByFarMoreThanTheLimitHasASmallPValue() {
    ReferenceTtft t = ReferenceTtft.of(relay(1_400), reference(400, 5_000), 50);
    assertThat(t.ratio()).isGreaterThan(3);
    assertThat(t.pValue()).isLessThan(0.01);
  }
}
