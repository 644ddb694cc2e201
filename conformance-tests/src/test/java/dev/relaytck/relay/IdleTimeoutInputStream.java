package dev.relaytck.relay;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An input stream whose reads fail when nothing arrives for a while: what a relay with a short
 * upstream read timeout does. A daemon thread reads the source so a read can time out.
 */
final class IdleTimeoutInputStream extends InputStream {
  private static final byte[] END = new byte[0];

  private final InputStream source;
  private final long idleMs;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private byte[] current = END;
  private int pos;
  private boolean ended;

  IdleTimeoutInputStream(InputStream source, long idleMs) {
    this.source = source;
    this.idleMs = idleMs;
    Thread t = new Thread(this::pump, "idle-timeout-reader");
    t.setDaemon(true);
    t.start();
  }

  private void pump() {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = source.read(buf)) >= 0) queue.add(Arrays.copyOf(buf, n));
      queue.add(END);
    } catch (IOException e) {
      queue.add(e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (ended) return -1;
    while (pos == current.length) {
      Object next;
      try {
        next = queue.poll(idleMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (next == null) throw new IOException("upstream idle for " + idleMs + " ms: read timed out");
      if (next instanceof IOException e) throw e;
      if (next == END) {
        ended = true;
        return -1;
      }
      current = (byte[]) next;
      pos = 0;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
