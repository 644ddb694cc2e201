package dev.relaytck.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The two-sample test of ID-020: is the relay's output distribution the reference's? Per probe
 * the unbiased estimate of the squared maximum mean discrepancy (MMD) under the
 * {@link HammingKernel}; across probes the sum of those estimates, with one permutation p-value
 * for the sum: each permutation reshuffles the reference and relay labels within every probe at
 * once (the prompt-wise permutation of Model Equality Testing). A per-probe p-value from the same
 * permutations is reported too. Deterministic given the seed.
 */
public final class MmdTest {
  public static final int DEFAULT_PERMUTATIONS = 1000;

  private final HammingKernel kernel;
  private final int permutations;

  public MmdTest(HammingKernel kernel, int permutations) {
    if (permutations < 19) throw new IllegalArgumentException("at least 19 permutations are needed for p < 0.05");
    this.kernel = kernel;
    this.permutations = permutations;
  }

  /** One probe's answers: the reference's and the relay's. */
  public record Samples(String probe, List<String> reference, List<String> relay) {}

  /**
   * @param statistic the observed sum of per-probe MMD² estimates
   * @param pValue the permutation p-value of the sum, (1 + as large) / (1 + permutations)
   * @param perProbe each probe's own MMD² and permutation p-value
   */
  public record Result(double statistic, double pValue, int permutations, Map<String, ProbeResult> perProbe) {}

  public record ProbeResult(int referenceSamples, int relaySamples, double mmd2, double pValue) {}

  /** Tests {@code samples}; probes with fewer than two answers on either side are left out. */
  public Result test(List<Samples> samples, long seed) {
    List<Samples> usable = samples.stream().filter(s -> s.reference().size() >= 2 && s.relay().size() >= 2).toList();
    if (usable.isEmpty()) throw new IllegalArgumentException("no probe has two answers on both sides");
    List<double[][]> matrices = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    for (Samples s : usable) {
      List<String> pooled = new ArrayList<>(s.reference());
      pooled.addAll(s.relay());
      matrices.add(kernel.matrix(pooled));
      labels.add(labels(s.reference().size(), s.relay().size()));
    }
    int p = usable.size();
    double[] observed = new double[p];
    double total = 0;
    for (int i = 0; i < p; i++) {
      observed[i] = mmd2(matrices.get(i), labels.get(i));
      total += observed[i];
    }
    int[] asLarge = new int[p];
    int totalAsLarge = 0;
    SplittableRandom random = new SplittableRandom(seed);
    for (int b = 0; b < permutations; b++) {
      double sum = 0;
      for (int i = 0; i < p; i++) {
        int[] l = labels.get(i);
        shuffle(l, random);
        double m = mmd2(matrices.get(i), l);
        if (m >= observed[i] - 1e-12) asLarge[i]++;
        sum += m;
      }
      if (sum >= total - 1e-12) totalAsLarge++;
    }
    Map<String, ProbeResult> perProbe = new LinkedHashMap<>();
    for (int i = 0; i < p; i++) {
      Samples s = usable.get(i);
      perProbe.put(s.probe(), new ProbeResult(s.reference().size(), s.relay().size(), observed[i],
          (1.0 + asLarge[i]) / (1.0 + permutations)));
    }
    return new Result(total, (1.0 + totalAsLarge) / (1.0 + permutations), permutations, perProbe);
  }

  private static int[] labels(int n, int m) {
    int[] l = new int[n + m];
    for (int i = n; i < n + m; i++) l[i] = 1;
    return l;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Unbiased MMD² of the samples labelled 0 against those labelled 1. */
  static double mmd2(double[][] k, int[] label) {
    double xx = 0;
    double yy = 0;
    double xy = 0;
    int n = 0;
    for (int v : label) if (v == 0) n++;
    int m = label.length - n;
    for (int i = 0; i < label.length; i++) {
      double[] row = k[i];
      for (int j = i + 1; j < label.length; j++) {
        if (label[i] != label[j]) xy += row[j];
        else if (label[i] == 0) xx += row[j];
        else yy += row[j];
      }
    }
    return 2 * xx / ((double) n * (n - 1)) + 2 * yy / ((double) m * (m - 1)) - 2 * xy / ((double) n * m);
  }
}
