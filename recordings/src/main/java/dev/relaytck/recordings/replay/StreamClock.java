package dev.relaytck.recordings.replay;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer every paced stream of a replay server shares: each stream asks to be woken
 * when its next event is due instead of holding a sleeping thread, so a thousand open streams
 * cost a thousand small timer entries, not a thousand threads. One thread is enough: a wake-up
 * only hands an event to Jetty's non-blocking output, it never waits for the network.
 */
final class StreamClock implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;

  StreamClock() {
    timer = new ScheduledThreadPoolExecutor(1, r -> {
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
