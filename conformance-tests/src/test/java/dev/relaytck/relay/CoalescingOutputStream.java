package dev.relaytck.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What HAProxy-style write coalescing does to a stream: bytes are held and sent together at
 * most every {@code periodMs}, even when nothing more arrives. Latency, not buffering.
 */
final class CoalescingOutputStream extends OutputStream {
  private final OutputStream out;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  /** The client left: the next write says so, as a direct write would. */
  private IOException gone;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "coalescing-flush");
    t.setDaemon(true);
    return t;
  });

  CoalescingOutputStream(OutputStream out, long periodMs) {
    this.out = out;
    timer.scheduleAtFixedRate(this::drain, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  private synchronized void drain() {
    if (pending.size() == 0) return;
    try {
      pending.writeTo(out);
      out.flush();
    } catch (IOException e) {
      gone = e;
    }
    pending.reset();
  }

  @Override
  public synchronized void write(int b) throws IOException {
    if (gone != null) throw gone;
    pending.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    if (gone != null) throw gone;
    pending.write(b, off, len);
  }

  @Override
  public void flush() {
    // Held until the next period: that is the coalescing.
  }

  @Override
  public void close() throws IOException {
    timer.shutdownNow();
    drain();
    out.close();
  }
}
