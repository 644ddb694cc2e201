package dev.relaytck.target;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bound on a whole run. Each exchange is bounded by {@link Timeouts}, but a relay that hangs
 * every request would still cost every exchange's timeout, and a drip-feeding one hours. So a run
 * stops sending when its time is up ({@code --max-run-seconds}) or when the relay has stopped
 * answering ({@code --max-timeouts} exchanges in a row timed out); every exchange after that is
 * refused with {@link RunStoppedException}, which the suite reports as inconclusive.
 * Shared by the run's clients; thread-safe.
 */
public final class RunBudget {
  /** {@code --max-run-seconds N}: the longest a run may send requests. */
  public static final String MAX_RUN_SECONDS = "relaytck.maxRunSeconds";
  /** {@code --max-timeouts N}: consecutive timed-out exchanges after which the relay is taken to have stopped answering. */
  public static final String MAX_TIMEOUTS = "relaytck.maxTimeouts";

  /**
   * 30 minutes: a hermetic run of every profile takes well under a minute and a live one a few
   * minutes; the opt-in endurance profile is the one that may need more (raise it there).
   */
  public static final Duration DEFAULT_MAX_RUN = Duration.ofMinutes(30);
  /** Five timeouts in a row: no fault scenario of the kit provokes more than one. */
  public static final int DEFAULT_MAX_TIMEOUTS = 5;

  private final long deadlineNanos;
  private final Duration maxRun;
  private final int maxTimeouts;
  private int consecutiveTimeouts;
  private String stopped;

  public RunBudget(Duration maxRun, int maxTimeouts) {
    if (maxRun.isNegative() || maxRun.isZero()) throw new TargetConfig.ConfigException(MAX_RUN_SECONDS + " must be > 0");
    if (maxTimeouts < 1) throw new TargetConfig.ConfigException(MAX_TIMEOUTS + " must be >= 1, got " + maxTimeouts);
    this.maxRun = maxRun;
    this.maxTimeouts = maxTimeouts;
    this.deadlineNanos = System.nanoTime() + maxRun.toNanos();
  }

  /** A budget that starts now, read from run settings. */
  public static RunBudget from(Function<String, Optional<String>> settings) {
    Function<String, Optional<String>> get = k -> settings.apply(k).filter(v -> !v.isBlank());
    double seconds = get.apply(MAX_RUN_SECONDS).map(v -> number(MAX_RUN_SECONDS, v)).orElse((double) DEFAULT_MAX_RUN.toSeconds());
    if (!(seconds > 0)) throw new TargetConfig.ConfigException(MAX_RUN_SECONDS + " must be > 0, got " + seconds);
    int timeouts = get.apply(MAX_TIMEOUTS).map(v -> (int) number(MAX_TIMEOUTS, v)).orElse(DEFAULT_MAX_TIMEOUTS);
    return new RunBudget(Duration.ofMillis((long) (seconds * 1000)), timeouts);
  }

  /** A budget for code that makes one client by hand (tests, tools): the defaults. */
  public static RunBudget unlimited() {
    return new RunBudget(Duration.ofDays(365), Integer.MAX_VALUE);
  }

  private static double number(String key, String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new TargetConfig.ConfigException(key + " must be a number, got '" + v + "'");
    }
  }

  /**
   * Before an exchange: refuses it when the run has stopped.
   *
   * @throws RunStoppedException when the run's time is up or the relay stopped answering
   */
  public synchronized void admit() {
    if (stopped == null && System.nanoTime() - deadlineNanos >= 0) {
      stopped = "the run reached its time limit (" + MAX_RUN_SECONDS + " " + maxRun.toSeconds() + ")";
    }
    if (stopped != null) throw new RunStoppedException(stopped + "; not sent, so not judged");
  }

  /** The run's deadline on {@link System#nanoTime()}'s clock: no exchange waits beyond it. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  /** After an exchange: counts timeouts in a row; any answer resets the count. */
  public synchronized void record(Ending ending, String summary) {
    boolean timeout = ending == Ending.HEADERS_TIMEOUT || ending == Ending.IDLE_TIMEOUT || ending == Ending.TOTAL_TIMEOUT;
    if (!timeout) {
      consecutiveTimeouts = 0;
      return;
    }
    consecutiveTimeouts++;
    if (stopped == null && consecutiveTimeouts >= maxTimeouts) {
      stopped = "the relay stopped answering: " + consecutiveTimeouts + " exchanges in a row timed out (the last: " + summary
          + "; limit " + MAX_TIMEOUTS + " " + maxTimeouts + ")";
    }
  }

  /** Why the run stopped sending, or empty while it goes on. */
  public synchronized Optional<String> stopped() {
    return Optional.ofNullable(stopped);
  }
}
