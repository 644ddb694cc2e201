package dev.relaytck.identity;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test on a 2x2 table of successes and failures, one-sided: is the relay's success
 * rate lower than the reference's? The p-value is the hypergeometric probability, given the
 * margins, of the relay having at most as many successes as it had (Commons Math's distribution).
 */
public final class FisherExact {
  private FisherExact() {}

  /** P(relay successes <= observed | margins): small when the relay succeeds less often than the reference. */
  public static double lowerTail(int referenceSuccesses, int referenceTrials, int relaySuccesses, int relayTrials) {
    if (referenceTrials <= 0 || relayTrials <= 0) throw new IllegalArgumentException("both sides need at least one trial");
    int population = referenceTrials + relayTrials;
    int successes = referenceSuccesses + relaySuccesses;
    if (successes == 0 || successes == population) return 1.0;
    HypergeometricDistribution h = new HypergeometricDistribution(null, population, successes, relayTrials);
    return Math.min(1.0, h.cumulativeProbability(relaySuccesses));
  }
}
