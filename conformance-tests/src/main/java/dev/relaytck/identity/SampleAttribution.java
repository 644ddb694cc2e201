package dev.relaytck.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.interval.ClopperPearsonInterval;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;

/**
 * ID-080: which of the relay's answers look like the reference model's? Each answer scores its
 * mean {@link HammingKernel} similarity to the reference answers of the same probe. The reference
 * answers score each other the same way (leave one out), and the threshold is the
 * {@code quantile} of those scores: by construction about that fraction of the reference model's
 * own answers fall below it. The relay's fraction below it, with a Clopper-Pearson interval, is
 * compared with the reference's own rate; the off-reference fraction is estimated as the excess.
 */
public final class SampleAttribution {
  public static final double DEFAULT_QUANTILE = 0.05;

  private final HammingKernel kernel;
  private final double quantile;

  public SampleAttribution(HammingKernel kernel, double quantile) {
    this.kernel = kernel;
    this.quantile = quantile;
  }

  /**
   * @param below relay answers scoring under the threshold
   * @param referenceRate the fraction of the reference's own answers under it (leave one out)
   * @param offFraction estimated fraction of off-reference answers: (rate - referenceRate) / (1 - referenceRate), at least 0
   * @param low lower bound of the interval of the relay's rate, at {@code confidence}
   * @param high upper bound
   * @param flagged per answer: probe and index of the answers under the threshold
   */
  public record Result(int samples, int below, double referenceRate, double offFraction, double low, double high,
      double confidence, List<String> flagged) {
    /** Whether the relay's rate is above the reference's own rate beyond the interval. */
    public boolean differs() {
      return samples > 0 && low > referenceRate;
    }
  }

  /** @param probes per probe: its id, the reference's answers, the relay's answers */
  public Result attribute(List<MmdTest.Samples> probes, double confidence) {
    List<Double> refScores = new ArrayList<>();
    List<double[]> relayScores = new ArrayList<>();
    List<MmdTest.Samples> usable = probes.stream().filter(p -> p.reference().size() >= 3).toList();
    for (MmdTest.Samples p : usable) {
      String[][] ref = p.reference().stream().map(kernel::positions).toArray(String[][]::new);
      for (int i = 0; i < ref.length; i++) {
        double s = 0;
        for (int j = 0; j < ref.length; j++) if (j != i) s += kernel.k(ref[i], ref[j]);
        refScores.add(s / (ref.length - 1));
      }
      double[] scores = new double[p.relay().size()];
      for (int r = 0; r < scores.length; r++) {
        String[] a = kernel.positions(p.relay().get(r));
        double s = 0;
        for (String[] b : ref) s += kernel.k(a, b);
        scores[r] = s / ref.length;
      }
      relayScores.add(scores);
    }
    if (refScores.isEmpty()) return new Result(0, 0, 0, 0, 0, 1, confidence, List.of());
    double[] sorted = refScores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double threshold = sorted[(int) Math.floor(quantile * (sorted.length - 1))];
    long refBelow = Arrays.stream(sorted).filter(s -> s < threshold).count();
    // Ties at the threshold count as above: the reference's own rate is then at most the quantile.
    double referenceRate = Math.max(refBelow / (double) sorted.length, 1.0 / (sorted.length + 1));
    int samples = 0;
    int below = 0;
    List<String> flagged = new ArrayList<>();
    for (int p = 0; p < usable.size(); p++) {
      double[] scores = relayScores.get(p);
      for (int r = 0; r < scores.length; r++) {
        samples++;
        if (scores[r] < threshold) {
          below++;
          flagged.add(usable.get(p).probe() + "#" + (r + 1));
        }
      }
    }
    if (samples == 0) return new Result(0, 0, referenceRate, 0, 0, 1, confidence, List.of());
    double rate = below / (double) samples;
    double low = 0;
    double high = 1;
    if (below > 0 && below < samples) {
      ConfidenceInterval ci = new ClopperPearsonInterval().createInterval(samples, below, confidence);
      low = ci.getLowerBound();
      high = ci.getUpperBound();
    } else if (below == 0) {
      high = 1 - Math.pow((1 - confidence) / 2, 1.0 / samples);
    } else {
      low = Math.pow((1 - confidence) / 2, 1.0 / samples);
    }
    double off = Math.max(0, (rate - referenceRate) / (1 - referenceRate));
    return new Result(samples, below, referenceRate, off, low, high, confidence, flagged);
  }
}
