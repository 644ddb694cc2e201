package dev.relaytck.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * ID-030's statistics: per probe family, the relay's successes on the capability probes against
 * the reference's, one-sided Fisher exact test at alpha divided by the number of families
 * (Bonferroni), and the power that comparison had. Power is exact, conditional on the reference's
 * counts: the probability that a relay succeeding at {@link #POWER_RATIO} times the reference's
 * rate, with as many answers as this relay gave, would fail the test. A family whose reference
 * rarely succeeds (or with few samples) has little power: its pass says nothing.
 */
public final class CapabilityComparison {
  /** The alternative the power is computed against: the relay succeeds half as often as the reference. */
  public static final double POWER_RATIO = 0.5;
  public static final String POWER_AGAINST = "a relay succeeding half as often as the reference";
  /** Below this power a family's pass is not evidence. */
  public static final double MIN_POWER = 0.5;

  /** One family's comparison. */
  public record Family(ProbeFamily family, int referenceSuccesses, int referenceTrials, int relaySuccesses, int relayTrials,
      double pValue, double power, boolean differs) {
    public Map<String, Object> row() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("family", family.title());
      r.put("reference", referenceSuccesses + "/" + referenceTrials);
      r.put("relay", relaySuccesses + "/" + relayTrials);
      r.put("pValue", pValue);
      r.put("power", power);
      r.put("differs", differs);
      return r;
    }
  }

  /** Every family both sides answered, and the per-family threshold used. */
  public record Result(List<Family> families, double threshold) {
    public List<Family> differing() {
      return families.stream().filter(Family::differs).toList();
    }

    public List<Family> powered() {
      return families.stream().filter(f -> f.power() >= MIN_POWER).toList();
    }
  }

  private CapabilityComparison() {}

  /** Compares the relay's answers to each capability probe of {@code reference} with the reference's own. */
  public static Result compare(Reference reference, Map<String, List<ProbeAnswer>> relayAnswers, double alpha) {
    Map<ProbeFamily, int[]> counts = new LinkedHashMap<>();
    for (Reference.Probe p : reference.probes()) {
      if (!p.family().checkable()) continue;
      int[] c = counts.computeIfAbsent(p.family(), f -> new int[4]);
      for (ProbeAnswer a : p.samples()) {
        c[1]++;
        if (AnswerJudge.succeeded(p.rendered(), a)) c[0]++;
      }
      for (ProbeAnswer a : relayAnswers.getOrDefault(p.id(), List.of())) {
        c[3]++;
        if (AnswerJudge.succeeded(p.rendered(), a)) c[2]++;
      }
    }
    long families = counts.values().stream().filter(c -> c[1] > 0 && c[3] > 0).count();
    double threshold = families == 0 ? alpha : alpha / families;
    List<Family> out = new ArrayList<>();
    counts.forEach((family, c) -> {
      if (c[1] == 0 || c[3] == 0) return;
      double p = FisherExact.lowerTail(c[0], c[1], c[2], c[3]);
      out.add(new Family(family, c[0], c[1], c[2], c[3], p, power(c[0], c[1], c[3], threshold), p <= threshold));
    });
    return new Result(List.copyOf(out), threshold);
  }

  /**
   * Exact power: sum over the relay's possible success counts x of Binomial(relayTrials,
   * {@link #POWER_RATIO} x the reference's rate) at x, where Fisher's p for x is at most {@code threshold}.
   */
  public static double power(int referenceSuccesses, int referenceTrials, int relayTrials, double threshold) {
    if (referenceSuccesses == 0 || relayTrials == 0) return 0.0;
    double rate = POWER_RATIO * referenceSuccesses / referenceTrials;
    BinomialDistribution relay = new BinomialDistribution(null, relayTrials, rate);
    double power = 0;
    for (int x = 0; x <= relayTrials; x++) {
      if (FisherExact.lowerTail(referenceSuccesses, referenceTrials, x, relayTrials) > threshold) break;
      power += relay.probability(x);
    }
    return Math.min(1.0, power);
  }
}
