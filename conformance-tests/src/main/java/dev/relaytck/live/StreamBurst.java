package dev.relaytck.live;

import java.util.List;

/**
 * Buffering seen from the client alone: a model generates at most a few hundred tokens per
 * second, so a long answer whose deltas all arrive within a few milliseconds was held back and
 * sent at once. Only long answers are judged (short ones can arrive fast honestly), and the
 * bound leaves a margin of several times the fastest generation.
 *
 * @param deltas content deltas seen
 * @param outputTokens usage.output_tokens of the answer
 * @param spanMs time from the first to the last content delta's arrival
 */
public record StreamBurst(int deltas, long outputTokens, double spanMs) {
  public static final long MIN_TOKENS = 100;
  public static final int MIN_DELTAS = 20;
  public static final double MIN_SPAN_MS = 100;

  /** From the arrival times (ns) of the content deltas and the answer's output tokens. */
  public static StreamBurst of(List<Long> deltaArrivalNanos, long outputTokens) {
    double span = deltaArrivalNanos.size() < 2 ? 0
        : (deltaArrivalNanos.get(deltaArrivalNanos.size() - 1) - deltaArrivalNanos.get(0)) / 1e6;
    return new StreamBurst(deltaArrivalNanos.size(), outputTokens, span);
  }

  /** Whether the answer is long enough to judge. */
  public boolean judgeable() {
    return outputTokens >= MIN_TOKENS && deltas >= MIN_DELTAS;
  }

  public boolean buffered() {
    return judgeable() && spanMs < MIN_SPAN_MS;
  }

  /** Tokens per second the arrival times imply. */
  public double impliedTokensPerSecond() {
    return spanMs <= 0 ? Double.POSITIVE_INFINITY : outputTokens / (spanMs / 1000);
  }
}
