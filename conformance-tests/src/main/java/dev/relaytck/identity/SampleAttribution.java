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
 * model's own answers fall below it. Scores are standardised per probe (by the mean and spread of
 * the reference's own scores), so one threshold serves every probe. The relay's count below it is
 * compared with the reference's own count by a one-sided Fisher exact test (which carries the
 * uncertainty of a threshold taken from few reference answers); the report gives the relay's rate
 * with a Clopper-Pearson interval and the off-reference fraction estimated as the excess.
 */
public final class SampleAttribution {
  public static final double DEFAULT_QUANTILE = 0.10;

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
   * @param pValue one-sided Fisher exact p-value of the relay having more answers under the threshold than the reference
   */
  public record Result(int samples, int below, double referenceRate, double offFraction, double low, double high,
      double confidence, List<String> flagged, double pValue) {
    /**
     * Whether the relay has more off-reference answers than the reference itself, judged at a tenth
     * of {@code alpha}: the threshold is itself estimated from the same few reference answers, which
     * the exact test does not fully carry (measured: 3 % false positives at alpha itself).
     */
    public boolean differs(double alpha) {
      return samples > 0 && pValue <= alpha / 10;
    }
  }

  /** @param probes per probe: its id, the reference's answers, the relay's answers */
  public Result attribute(List<MmdTest.Samples> probes, double confidence) {
    List<Double> refScores = new ArrayList<>();
    List<double[]> relayScores = new ArrayList<>();
    List<MmdTest.Samples> usable = probes.stream().filter(p -> p.reference().size() >= 3).toList();
    for (MmdTest.Samples p : usable) {
      List<String[]> ref = p.reference().stream().map(SampleAttribution::words).toList();
      double[] own = new double[ref.size()];
      for (int i = 0; i < ref.size(); i++) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int j = 0; j < ref.size(); j++) if (j != i) count(counts, ref.get(j));
        own[i] = score(ref.get(i), counts);
      }
      double mean = java.util.Arrays.stream(own).filter(Double::isFinite).average().orElse(0);
      double sd = Math.sqrt(java.util.Arrays.stream(own).filter(Double::isFinite).map(v -> (v - mean) * (v - mean)).average().orElse(1));
      double spread = sd > 1e-9 ? sd : 1;
      for (double v : own) refScores.add((v - mean) / spread);
      java.util.Map<String, Integer> all = new java.util.HashMap<>();
      ref.forEach(w -> count(all, w));
      double[] scores = new double[p.relay().size()];
      for (int r = 0; r < scores.length; r++) scores[r] = (score(words(p.relay().get(r)), all) - mean) / spread;
      relayScores.add(scores);
    }
    if (refScores.isEmpty()) return new Result(0, 0, 0, 0, 0, 1, confidence, List.of(), 1);
    double[] sorted = refScores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double threshold = sorted[(int) Math.floor(quantile * (sorted.length - 1))];
    long refBelow = Arrays.stream(sorted).filter(s -> s < threshold).count();
    // Ties at the threshold count as above: the reference's own rate is then at most the quantile.
    double referenceRate = refBelow / (double) sorted.length;
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
    if (samples == 0) return new Result(0, 0, referenceRate, 0, 0, 1, confidence, List.of(), 1);
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
    // More answers under the threshold than the reference's own: the upper tail, as the lower tail of the complement.
    double p = FisherExact.lowerTail((int) (sorted.length - refBelow), sorted.length, samples - below, samples);
    return new Result(samples, below, referenceRate, off, low, high, confidence, flagged, p);
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
