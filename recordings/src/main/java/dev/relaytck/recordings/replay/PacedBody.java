package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.AnthropicErrors;
import dev.relaytck.recordings.format.FaultSpec;
import com.github.tomakehurst.wiremock.common.InputStreamSource;
import dev.relaytck.recordings.format.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A response body that releases one recorded event at a time, each when its scaled offset
 * is due, and applies the exchange's fault. WireMock copies a body stream to the servlet
 * output ({@code transferTo}). Behind the {@link EventStreamFilter}, a body with anything to
 * wait for hands itself to a {@link ScheduledStream} there instead: the servlet thread returns
 * at once and the server's one {@link StreamClock} writes each event when due, so open streams
 * hold no threads. Without the filter (or with nothing to wait for) a read that blocks until
 * the next event is due, and returns exactly that event, turns the copy into a paced writer.
 *
 * <p>The clock starts at the first read (or the hand-over), after the headers were committed.
 */
final class PacedBody implements InputStreamSource {
  /** Bytes per slice in a {@code drip} fault. */
  static final int DRIP_SLICE = 16;

  private final List<byte[]> chunks;
  private final long[] dueNanos;
  private final Fault fault;
  private final ExchangeContext context;

  /**
   * @param chunks the events' exact bytes (a JSON body is one chunk)
   * @param dueMillis when each is due, already scaled, relative to the first read
   */
  PacedBody(List<byte[]> chunks, long[] dueMillis, Fault fault, ExchangeContext context) {
    this.chunks = chunks;
    this.dueNanos = new long[dueMillis.length];
    for (int i = 0; i < dueMillis.length; i++) {
      dueNanos[i] = TimeUnit.MILLISECONDS.toNanos(dueMillis[i]);
    }
    this.fault = fault;
    this.context = context;
    long[] ends = new long[chunks.size()];
    long end = 0;
    for (int i = 0; i < ends.length; i++) {
      end += chunks.get(i).length;
      ends[i] = end;
    }
    context.eventEnds = ends;
  }

  @Override
  public InputStream getStream() {
    return new Paced();
  }

  /** Whether writing this body involves any wait: a scaled offset above zero or a timed fault. */
  private boolean waits() {
    for (long due : dueNanos) {
      if (due > 0) {
        return true;
      }
    }
    return fault != null && (FaultSpec.DRIP.equals(fault.kind()) || FaultSpec.STALL.equals(fault.kind())
        || FaultSpec.CLOSE.equals(fault.kind()));
  }

  private final class Paced extends InputStream {
    private long start = -1;

    @Override
    public long transferTo(java.io.OutputStream out) throws IOException {
      if (start < 0 && waits() && context.canSchedule()) {
        start = System.nanoTime();
        context.schedule(new ScheduledStream(chunks, dueNanos, fault, context, context.clock, context.ending));
        return 0;
      }
      return super.transferTo(out);
    }

    private long shiftNanos;
    private int next;
    private byte[] current;
    private int pos;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (start < 0) {
        start = System.nanoTime();
      }
      if (current != null && pos == current.length) {
        current = null;
      }
      if (current == null && !advance()) {
        return -1;
      }
      int n = Math.min(len, current.length - pos);
      if (isDrip()) {
        n = Math.min(n, DRIP_SLICE);
        if (pos > 0) {
          sleepNanos(TimeUnit.MILLISECONDS.toNanos(fault.millis()));
        }
      }
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }

    /** Moves to the next chunk, waiting until it is due; false at the end of the body. */
    private boolean advance() throws IOException {
      if (ended) {
        return false;
      }
      int sent = next;
      if (fault != null && sent == fault.afterEvents()) {
        switch (fault.kind()) {
          case FaultSpec.CLOSE -> {
            ended = true;
            context.eventEnds = java.util.Arrays.copyOf(context.eventEnds, Math.min(sent, chunks.size()));
            // The connection dies when the next event was due, as an upstream failing mid-answer would.
            if (sent < chunks.size()) {
              sleepNanos(start + dueNanos[sent] + shiftNanos - System.nanoTime());
            }
            if (context.abortConnection()) {
              throw new FaultAbort();
            }
            return false;
          }
          case FaultSpec.ERROR_EVENT -> {
            ended = true;
            context.eventEnds = java.util.Arrays.copyOf(context.eventEnds, Math.min(sent, chunks.size()));
            current = AnthropicErrors.errorEvent(fault.errorType());
            pos = 0;
            return true;
          }
          case FaultSpec.STALL -> {
            // Later events keep their spacing: the whole rest of the stream moves back.
            shiftNanos += TimeUnit.MILLISECONDS.toNanos(fault.millis());
          }
          default -> { }
        }
      }
      if (next >= chunks.size()) {
        ended = true;
        return false;
      }
      long due = start + dueNanos[next] + shiftNanos;
      sleepNanos(due - System.nanoTime());
      // How late the server itself hands the event out: a relay is not to blame for this part.
      long late = System.nanoTime() - due;
      if (late > context.maxLateNanos) {
        context.maxLateNanos = late;
      }
      current = chunks.get(next++);
      pos = 0;
      return true;
    }

    private boolean isDrip() {
      return fault != null && FaultSpec.DRIP.equals(fault.kind()) && fault.millis() > 0;
    }
  }

  private static void sleepNanos(long nanos) throws IOException {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("replay interrupted");
    }
  }

  /** Thrown after the connection was aborted on purpose, so WireMock stops writing. */
  static final class FaultAbort extends IOException {
    FaultAbort() {
      super("relay-tck fault: connection closed");
    }
  }
}
