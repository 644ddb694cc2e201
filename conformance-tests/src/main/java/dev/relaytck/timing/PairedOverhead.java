package dev.relaytck.timing;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * What a relay adds to a time, from paired measurements: the same request sent directly and
 * through the relay, one right after the other, so machine load and upstream variation hit
 * both sides of a pair alike. The estimate is the median of the paired differences with a
 * percentile-bootstrap 95 % interval (resampling the pairs; seeded, so a run is reproducible).
 *
 * @param pairs number of pairs
 * @param medianMs median of (through relay - direct)
 * @param lowMs lower end of the bootstrap 95 % interval of the median
 * @param highMs upper end
 */
public record PairedOverhead(int pairs, double medianMs, double lowMs, double highMs) {
  static final int RESAMPLES = 2_000;

  /** Estimates from {@code differencesMs}, one per pair; {@code seed} makes the resampling reproducible. */
  public static PairedOverhead of(List<Double> differencesMs, long seed) {
    double[] d = differencesMs.stream().mapToDouble(Double::doubleValue).toArray();
    if (d.length == 0) return new PairedOverhead(0, Double.NaN, Double.NaN, Double.NaN);
    Median median = new Median();
    double estimate = median.evaluate(d);
    RandomGenerator random = new Well19937c(seed);
    double[] medians = new double[RESAMPLES];
    double[] resample = new double[d.length];
    for (int b = 0; b < RESAMPLES; b++) {
      for (int i = 0; i < d.length; i++) resample[i] = d[random.nextInt(d.length)];
      medians[b] = median.evaluate(resample);
    }
    Percentile p = new Percentile();
    return new PairedOverhead(d.length, estimate, p.evaluate(medians, 2.5), p.evaluate(medians, 97.5));
  }

  /** For evidence: pairs, median and interval, rounded to 0.1 ms. */
  public Map<String, Object> evidence() {
    return Map.of("pairs", pairs, "medianMs", r(medianMs), "ci95LowMs", r(lowMs), "ci95HighMs", r(highMs),
        "method", "median of paired differences, percentile bootstrap (" + RESAMPLES + " resamples)");
  }

  private static double r(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
