package dev.relaytck.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The power ID-020 had in a run, estimated from the reference alone by resampling: each
 * simulation splits each probe's reference answers into two random halves, takes one as the
 * reference side and the other, transformed by a stated alternative, as the relay side (without
 * replacement: a drawn duplicate would look like a cache), and runs the same permutation test. Half
 * the samples on each side makes the estimate conservative: the run itself had about twice as many; the power is the fraction of simulations that reject at alpha. The
 * alternative the kit reports against is {@link #SHORTER}: the reference model's own answers cut
 * to 60 % of their words, about the length difference of the cheaper sibling in docs/identity.md.
 * A power above 0.5 against it says the run could see a substitute of that size; the subtle variant
 * (15 % shorter) needs more samples, as docs/identity.md measures.
 */
public final class PowerEstimate {
  /** The fraction of words an answer of the alternative keeps. */
  public static final double SHORTER_FRACTION = 0.6;
  public static final String SHORTER_DESCRIPTION = "the reference's answers cut to 60 % of their words";
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
        if (ref.size() < 4) continue;
        // Disjoint halves: the alternative's answers never share an origin with the reference side's.
        List<String> shuffled = new ArrayList<>(ref);
        for (int i = shuffled.size() - 1; i > 0; i--) java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
        int half = shuffled.size() / 2;
        List<String> x = new ArrayList<>(shuffled.subList(0, half));
        List<String> y = shuffled.subList(half, Math.min(shuffled.size(), half + Math.max(2, Math.min(relaySamples, half))))
            .stream().map(alternative).toList();
        sim.add(new MmdTest.Samples("p" + p, x, y));
      }
      if (sim.isEmpty()) return new Result(0, 0, 0, permutations, description);
      if (test.test(sim, random.nextLong()).pValue() <= alpha) rejected++;
    }
    double power = rejected / (double) simulations;
    return new Result(power, Math.sqrt(power * (1 - power) / simulations), simulations, permutations, description);
  }

  static String cut(String answer, double fraction) {
    if (answer == null || answer.isBlank()) return "";
    String[] words = answer.strip().split("\\s+");
    int keep = (int) Math.max(1, Math.round(words.length * fraction));
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(keep, words.length)));
  }
}
