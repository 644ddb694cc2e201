package dev.relaytck.target;

import java.time.Duration;

/**
 * Every wait of the client is bounded: connecting, waiting for the response headers, silence
 * between two chunks of a body, and the whole exchange. A relay that hangs or drips therefore
 * yields a failed check with evidence in bounded time, never a hung run.
 */
public record Timeouts(Duration connect, Duration headers, Duration idle, Duration total) {
  public static final Timeouts DEFAULT =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(300));

  public Timeouts {
    for (Duration d : new Duration[] {connect, headers, idle, total}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive durations");
      }
    }
  }
}
