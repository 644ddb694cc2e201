package dev.relaytck.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs tasks so that they are all in flight at once: every thread waits at one gate, opened when
 * all are ready. Each task bounds its own wait (the kit's client has timeouts); the pool is
 * bounded by the task count and shut down after.
 */
final class Concurrent {
  private Concurrent() {}

  /** Runs {@code tasks} at once and waits for each at most {@code bound} (each task's own timeouts come first). */
  static <T> List<T> all(List<Supplier<T>> tasks, java.time.Duration bound) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks.size()), r -> {
      Thread t = new Thread(r, "relay-tck-concurrent");
      t.setDaemon(true);
      return t;
    });
    CountDownLatch ready = new CountDownLatch(tasks.size());
    CountDownLatch gate = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Supplier<T> task : tasks) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          gate.await(30, TimeUnit.SECONDS);
          return task.get();
        }));
      }
      ready.await(30, TimeUnit.SECONDS);
      gate.countDown();
      List<T> out = new ArrayList<>();
      long deadline = System.nanoTime() + bound.toNanos();
      for (Future<T> f : futures) out.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for concurrent requests", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("concurrent requests still open after " + bound.toMillis() + " ms despite the client's timeouts", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
