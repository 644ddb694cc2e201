package dev.relaytck.recordings.replay;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer every paced stream of a replay server shares: each stream asks to be woken
 * when its next event is due instead of holding a sleeping thread, so a thousand open streams
 * cost a thousand small timer entries and {@link #THREADS} threads, not a thousand threads.
 * A wake-up only hands an event to Jetty's non-blocking output; it never waits for the network.
 */
final class StreamClock implements AutoCloseable {
  /**
   * A wake-up hands its event to Jetty, which writes it to the socket on the same thread when
   * the socket can take it: a few threads keep one slow write from delaying every other
   * stream's next event, and keep the timer's share of a contended CPU from collapsing (one
   * thread was measured: on a loaded machine it is preempted and every stream waits with it).
   * {@code -Drelaytck.replay.clockThreads=N} overrides the count, for benchmarks.
   */
  static final int THREADS = Integer.getInteger("relaytck.replay.clockThreads", Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

  private final ScheduledThreadPoolExecutor timer;

  StreamClock() {
    timer = new ScheduledThreadPoolExecutor(THREADS, r -> {
      Thread t = new Thread(r, "relay-tck-stream-clock");
      t.setDaemon(true);
      // Late wake-ups are the server's own timing error: the clock thread must win the CPU.
      t.setPriority(Thread.MAX_PRIORITY);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Runs {@code task} at {@code dueNanos} ({@link System#nanoTime()}); at once when it is already due. */
  ScheduledFuture<?> at(long dueNanos, Runnable task) {
    return timer.schedule(task, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  ScheduledExecutorService executor() {
    return timer;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
