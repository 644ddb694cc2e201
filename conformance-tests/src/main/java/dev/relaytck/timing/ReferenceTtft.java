package dev.relaytck.timing;

import dev.relaytck.identity.ProbeAnswer;
import dev.relaytck.identity.ProbeFamily;
import dev.relaytck.identity.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Time to first token through the relay compared with the official API's, as recorded in an
 * identity reference ({@code --reference DIR}, streamed probes): the live PERF-020 when no
 * {@code --baseline} gives a paired comparison. The two sides were measured at other times,
 * over other networks, with other prompts, so the comparison is a ratio and a one-sided
 * Mann-Whitney U test of "the relay is slower by more than the limit", never a paired overhead.
 * Long-context probes are left out: their first token waits on a 20k-token prompt.
 *
 * @param relayMs the relay's TTFTs (timing streams)
 * @param referenceMs the reference's TTFTs (short probes)
 * @param pValue of "relay TTFT minus the limit is still larger than the reference's" (NaN when not computed)
 */
public record ReferenceTtft(List<Double> relayMs, List<Double> referenceMs, double limitMs, double pValue) {
  public static ReferenceTtft of(List<Double> relayMs, Reference reference, double limitMs) {
    List<Double> ref = new ArrayList<>();
    for (Reference.Probe p : reference.probes()) {
      if (p.family() == ProbeFamily.RECALL) continue;
      for (ProbeAnswer a : p.samples()) {
        if (a.ok() && a.ttftMs() > 0) ref.add(a.ttftMs());
      }
    }
    double p = Double.NaN;
    if (relayMs.size() >= 2 && ref.size() >= 2) {
      double[] shifted = relayMs.stream().mapToDouble(v -> v - limitMs).toArray();
      double[] r = ref.stream().mapToDouble(Double::doubleValue).toArray();
      // commons-math gives the two-sided p-value from the normal approximation; halve it on the side observed.
      double two = new MannWhitneyUTest().mannWhitneyUTest(shifted, r);
      p = median(List.of(toList(shifted))) > median(ref) ? two / 2 : 1 - two / 2;
    }
    return new ReferenceTtft(List.copyOf(relayMs), List.copyOf(ref), limitMs, p);
  }

  public double relayP50() {
    return median(relayMs);
  }

  public double referenceP50() {
    return median(referenceMs);
  }

  public double ratio() {
    return relayP50() / referenceP50();
  }

  public Map<String, Object> evidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("measure", "time to first token through the relay (timing streams) against the reference's recorded official"
        + " time to first token (short probes)");
    m.put("test", "one-sided Mann-Whitney U of relay TTFT minus the limit > reference TTFT (normal approximation)");
    m.put("relaySamples", relayMs.size());
    m.put("referenceSamples", referenceMs.size());
    m.put("relayTtftP50Ms", round(relayP50()));
    m.put("referenceTtftP50Ms", round(referenceP50()));
    m.put("ratio", round(ratio()));
    m.put("limitMs", limitMs);
    m.put("pValue", Double.isNaN(pValue) ? "not computed" : String.format(Locale.ROOT, "%.3g", pValue));
    return m;
  }

  private static Double[] toList(double[] v) {
    Double[] out = new Double[v.length];
    for (int i = 0; i < v.length; i++) out[i] = v[i];
    return out;
  }

  private static double median(List<Double> v) {
    return v.isEmpty() ? Double.NaN : new Median().evaluate(v.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
