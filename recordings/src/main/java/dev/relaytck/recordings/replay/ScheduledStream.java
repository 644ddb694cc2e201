package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.AnthropicErrors;
import dev.relaytck.recordings.format.FaultSpec;

import dev.relaytck.recordings.format.Fault;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A paced body written without a thread of its own: Jetty's asynchronous output
 * ({@link WriteListener}) takes each event when the connection can accept it, and the server's
 * {@link StreamClock} wakes the stream when its next event is due. The schedule, the faults and
 * the lateness figure are those of {@link PacedBody}'s blocking reader, which it replaces for
 * every response that has something to wait for.
 *
 * <p>All state changes happen under this object's lock: a wake-up from the clock and a
 * "writable again" callback from Jetty may arrive at the same time.
 */
final class ScheduledStream implements WriteListener {
  /** How each stream ended, for the {@link StreamLog}. */
  interface Ending {
    void ended(String outcome, String detail);
  }

  private final List<byte[]> chunks;
  private final long[] dueNanos;
  private final Fault fault;
  private final ExchangeContext context;
  private final StreamClock clock;
  private final Ending ending;
  private AsyncContext async;
  private ServletOutputStream out;

  private long start;
  private long shiftNanos;
  private int next;
  private byte[] current;
  private int pos;
  /** When {@link #current} (or its next drip slice) may leave; lateness is measured from it. */
  private long dueAt;
  private boolean lateNoted;
  private boolean finished;
  private boolean closeAtDue;
  private boolean done;
  /** A write was made that no flush has followed yet (Jetty wants isReady() between the two). */
  private boolean unflushed;
  private ScheduledFuture<?> wakeUp;

  ScheduledStream(List<byte[]> chunks, long[] dueNanos, Fault fault, ExchangeContext context, StreamClock clock, Ending ending) {
    this.chunks = chunks;
    this.dueNanos = dueNanos;
    this.fault = fault;
    this.context = context;
    this.clock = clock;
    this.ending = ending;
  }

  /** Takes over the response: the servlet thread returns at once, the clock and Jetty write the rest. */
  synchronized void start(AsyncContext async, ServletOutputStream out) {
    this.async = async;
    this.out = out;
    start = System.nanoTime();
    prepareNext();
    // Jetty calls onWritePossible as soon as the output can take the first write.
    out.setWriteListener(this);
  }

  @Override
  public void onWritePossible() {
    pump();
  }

  @Override
  public synchronized void onError(Throwable t) {
    fail(t);
  }

  private synchronized void pump() {
    if (done) return;
    try {
      while (out.isReady()) {
        if (unflushed) {
          // Each event leaves on its own; the flush completes asynchronously and isReady() says when.
          unflushed = false;
          out.flush();
          continue;
        }
        if (current == null) {
          if (closeAtDue) {
            if (waitUntil(dueAt)) return;
            abort();
            return;
          }
          if (finished) {
            finish();
            return;
          }
          prepareNext();
          continue;
        }
        if (waitUntil(dueAt)) return;
        if (!lateNoted) {
          // How late the server itself hands the event out: a relay is not to blame for this part.
          long late = System.nanoTime() - dueAt;
          if (late > context.maxLateNanos) context.maxLateNanos = late;
          lateNoted = true;
        }
        int n = current.length - pos;
        if (drip()) {
          n = Math.min(n, PacedBody.DRIP_SLICE);
          dueAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(fault.millis());
        }
        if (out instanceof org.eclipse.jetty.server.HttpOutput jetty) {
          // Jetty writes a buffer straight to the connection (no aggregation): one operation an event.
          jetty.write(java.nio.ByteBuffer.wrap(current, pos, n));
        } else {
          out.write(current, pos, n);
          unflushed = true;
        }
        pos += n;
        context.bytesWritten += n;
        if (pos == current.length) current = null;
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** True when {@code nanos} is still ahead: the clock will call {@link #pump} then. */
  private boolean waitUntil(long nanos) {
    if (nanos - System.nanoTime() <= 0) return false;
    if (wakeUp == null) wakeUp = clock.at(nanos, this::wake);
    return true;
  }

  private synchronized void wake() {
    wakeUp = null;
    pump();
  }

  /** Moves to the next chunk, applying the fault at its event; sets {@link #finished} at the end. */
  private void prepareNext() {
    int sent = next;
    if (fault != null && sent == fault.afterEvents()) {
      switch (fault.kind()) {
        case FaultSpec.CLOSE -> {
          finished = true;
          context.eventEnds = Arrays.copyOf(context.eventEnds, Math.min(sent, chunks.size()));
          // The connection dies when the next event was due, as an upstream failing mid-answer would.
          closeAtDue = true;
          dueAt = sent < chunks.size() ? start + dueNanos[sent] + shiftNanos : System.nanoTime();
          return;
        }
        case FaultSpec.ERROR_EVENT -> {
          finished = true;
          context.eventEnds = Arrays.copyOf(context.eventEnds, Math.min(sent, chunks.size()));
          current = AnthropicErrors.errorEvent(fault.errorType());
          pos = 0;
          dueAt = System.nanoTime();
          lateNoted = true;
          next = chunks.size();
          return;
        }
        case FaultSpec.STALL -> shiftNanos += TimeUnit.MILLISECONDS.toNanos(fault.millis());
        default -> { }
      }
    }
    if (next >= chunks.size()) {
      finished = true;
      return;
    }
    dueAt = start + dueNanos[next] + shiftNanos;
    lateNoted = false;
    current = chunks.get(next++);
    pos = 0;
  }

  private boolean drip() {
    return fault != null && FaultSpec.DRIP.equals(fault.kind()) && fault.millis() > 0;
  }

  private void finish() {
    done = true;
    try {
      async.complete();
    } finally {
      ending.ended(StreamLog.COMPLETED, null);
    }
  }

  private void abort() {
    done = true;
    context.abortConnection();
    ending.ended(StreamLog.CLOSED_BY_FAULT, null);
    try {
      async.complete();
    } catch (RuntimeException alreadyGone) {
      // the channel was aborted on purpose: there is no response left to complete
    }
  }

  private void fail(Throwable t) {
    if (done) return;
    done = true;
    if (wakeUp != null) wakeUp.cancel(false);
    ending.ended(StreamLog.CLIENT_DISCONNECTED, String.valueOf(root(t).getMessage()));
    try {
      async.complete();
    } catch (RuntimeException alreadyGone) {
      // the connection is gone; Jetty has already given up the response
    }
  }

  private static Throwable root(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) c = c.getCause();
    return c;
  }
}
