package dev.relaytck.standin;

import java.time.Duration;

/**
 * How fast a stream is delivered: the wait before the first delta (time to first token) and
 * between deltas. {@link #NONE} for fast tests; {@link #realistic()} near what the official API
 * shows for a large model.
 */
public record Pacing(Duration firstToken, Duration betweenDeltas) {
  public static final Pacing NONE = new Pacing(Duration.ZERO, Duration.ZERO);

  public static Pacing realistic() {
    return new Pacing(Duration.ofMillis(600), Duration.ofMillis(30));
  }

  /** The same pacing with every wait multiplied by {@code factor} (a time scale). */
  public Pacing scaled(double factor) {
    return new Pacing(Duration.ofNanos((long) (firstToken.toNanos() * factor)),
        Duration.ofNanos((long) (betweenDeltas.toNanos() * factor)));
  }
}
