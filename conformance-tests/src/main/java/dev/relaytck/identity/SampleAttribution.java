package dev.relaytck.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.interval.ClopperPearsonInterval;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;

/**
 * ID-080: which of the relay's answers look like the reference model's? Each answer scores the
 * mean log-likelihood of its words under the word frequencies of the reference's answers to the
 * same probe (add-half smoothing). A per-answer score from the positional Hamming kernel was tried
 * first and could not tell single answers of another family apart (one answer shares too few
 * positions with any other); word frequencies can, and they are what a substitute changes first.
 * The reference answers score the same way against the others (leave one out), and the threshold
 * is the {@code quantile} of those scores: by construction about that fraction of the reference
 * model's own answers fall below it. The relay's fraction below it, with a Clopper-Pearson
 * interval, is compared with the reference's own rate; the off-reference fraction is estimated as
 * the excess.
 */
public final class SampleAttribution {
  public static final double DEFAULT_QUANTILE = 0.05;

  private final double quantile;

  public SampleAttribution(double quantile) {
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
      List<String[]> ref = p.reference().stream().map(SampleAttribution::words).toList();
      for (int i = 0; i < ref.size(); i++) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int j = 0; j < ref.size(); j++) if (j != i) count(counts, ref.get(j));
        refScores.add(score(ref.get(i), counts));
      }
      java.util.Map<String, Integer> all = new java.util.HashMap<>();
      ref.forEach(w -> count(all, w));
      double[] scores = new double[p.relay().size()];
      for (int r = 0; r < scores.length; r++) scores[r] = score(words(p.relay().get(r)), all);
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

  static String[] words(String answer) {
    return answer == null || answer.isBlank() ? new String[0] : answer.strip().toLowerCase(java.util.Locale.ROOT).split("\\s+");
  }

  private static void count(java.util.Map<String, Integer> counts, String[] words) {
    for (String w : words) counts.merge(w, 1, Integer::sum);
  }

  /** Mean log-probability of the answer's words under {@code counts}, add-half smoothed; an empty answer scores lowest. */
  static double score(String[] words, java.util.Map<String, Integer> counts) {
    if (words.length == 0) return Double.NEGATIVE_INFINITY;
    long total = counts.values().stream().mapToLong(Integer::longValue).sum();
    double denominator = total + 0.5 * (counts.size() + 1);
    double s = 0;
    for (String w : words) s += Math.log((counts.getOrDefault(w, 0) + 0.5) / denominator);
    return s / words.length;
  }
}
