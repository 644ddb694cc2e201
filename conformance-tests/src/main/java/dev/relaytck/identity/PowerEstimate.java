package dev.relaytck.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The power ID-020 had in a run, estimated from the reference alone by resampling: each
 * simulation draws the reference's size from the reference answers (with replacement) as one side
 * and the relay's size as the other, transformed by a stated alternative, and runs the same
 * permutation test; the power is the fraction of simulations that reject at alpha. The
 * alternative the kit reports against is {@link #SHORTER}: the reference model's own answers cut
 * to three quarters of their words, a difference smaller than that of any substitute measured in
 * docs/identity.md, so a power above 0.5 against it means a real substitution would very likely
 * have shown.
 */
public final class PowerEstimate {
  /** The fraction of words an answer of the alternative keeps. */
  public static final double SHORTER_FRACTION = 0.75;
  public static final String SHORTER_DESCRIPTION = "the reference's answers cut to 75 % of their words";
  public static final UnaryOperator<String> SHORTER = answer -> cut(answer, SHORTER_FRACTION);

  /** @param power rejections / simulations; {@code standardError} its Monte Carlo error */
  public record Result(double power, double standardError, int simulations, int permutations, String alternative) {}

  private final MmdTest test;
  private final int simulations;
  private final int permutations;

  public PowerEstimate(HammingKernel kernel, int simulations, int permutations) {
    this.test = new MmdTest(kernel, permutations);
    this.simulations = simulations;
    this.permutations = permutations;
  }

  /**
   * @param reference each probe's reference answers (probes with fewer than two are left out)
   * @param relaySamples how many answers per probe the relay gave (or would give)
   */
  public Result estimate(List<List<String>> reference, int relaySamples, double alpha, UnaryOperator<String> alternative,
      String description, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int rejected = 0;
    for (int s = 0; s < simulations; s++) {
      List<MmdTest.Samples> sim = new ArrayList<>();
      for (int p = 0; p < reference.size(); p++) {
        List<String> ref = reference.get(p);
        if (ref.size() < 2) continue;
        List<String> x = draw(ref, ref.size(), random, UnaryOperator.identity());
        List<String> y = draw(ref, relaySamples, random, alternative);
        sim.add(new MmdTest.Samples("p" + p, x, y));
      }
      if (sim.isEmpty()) return new Result(0, 0, 0, permutations, description);
      if (test.test(sim, random.nextLong()).pValue() <= alpha) rejected++;
    }
    double power = rejected / (double) simulations;
    return new Result(power, Math.sqrt(power * (1 - power) / simulations), simulations, permutations, description);
  }

  private static List<String> draw(List<String> from, int n, SplittableRandom random, UnaryOperator<String> f) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(f.apply(from.get(random.nextInt(from.size()))));
    return out;
  }

  static String cut(String answer, double fraction) {
    if (answer == null || answer.isBlank()) return "";
    String[] words = answer.strip().split("\\s+");
    int keep = (int) Math.max(1, Math.round(words.length * fraction));
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(keep, words.length)));
  }
}
