package dev.relaytck.recordings.replay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The streams benchmark's load generator: N HTTP/1.1 SSE streams on raw non-blocking sockets,
 * all served by one selector thread that notes {@link System#nanoTime()} right after each read
 * and decodes the chunked body itself. The JDK HttpClient spends a thread hand-off and several
 * buffers copies per read; with a thousand streams on the same 2 cores as the server its own
 * scheduling delay was counted as the server's timing error. This is the leanest client that
 * still sees every byte as a relay would: what it measures is close to the physical limit.
 *
 * <p>Every stream and the whole run are bounded: a stream that has not ended when the run's
 * deadline passes is closed and counts with the events it had.
 */
final class RawSseLoad {
  private final InetSocketAddress address;
  private final byte[] request;

  /** @param request the full HTTP/1.1 request (head and body) every stream sends */
  RawSseLoad(InetSocketAddress address, byte[] request) {
    this.address = address;
    this.request = request;
  }

  /** An HTTP/1.1 POST with a JSON body and the given credential, closing after the reply. */
  static byte[] post(String host, int port, String path, String apiKey, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nx-api-key: " + apiKey
        + "\r\ncontent-type: application/json\r\ncontent-length: " + body.length + "\r\nconnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /**
   * Opens {@code n} streams {@code spacingNanos} apart and reads them all until each ends or
   * {@code timeoutNanos} from the start passes.
   *
   * @return per stream, the arrival time of each SSE event (the blank line that ends it)
   */
  long[][] run(int n, long spacingNanos, long timeoutNanos) throws IOException {
    Stream[] streams = new Stream[n];
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    long start = System.nanoTime();
    long deadline = start + timeoutNanos;
    int opened = 0;
    int open = 0;
    try (Selector selector = Selector.open()) {
      while (true) {
        long now = System.nanoTime();
        while (opened < n && now - (start + opened * spacingNanos) >= 0) {
          streams[opened] = new Stream();
          SocketChannel ch = SocketChannel.open();
          ch.configureBlocking(false);
          ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
          ch.connect(address);
          ch.register(selector, SelectionKey.OP_CONNECT, streams[opened]);
          streams[opened].channel = ch;
          opened++;
          open++;
        }
        if ((opened == n && open == 0) || now - deadline >= 0) break;
        long wait = opened < n ? start + opened * spacingNanos - now : deadline - now;
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          Stream s = (Stream) key.attachment();
          try {
            if (key.isConnectable()) {
              s.channel.finishConnect();
              s.pending = ByteBuffer.wrap(request);
              key.interestOps(SelectionKey.OP_WRITE);
            } else if (key.isWritable()) {
              s.channel.write(s.pending);
              if (!s.pending.hasRemaining()) key.interestOps(SelectionKey.OP_READ);
            } else if (key.isReadable()) {
              buffer.clear();
              int read = s.channel.read(buffer);
              long at = System.nanoTime();
              if (read < 0) {
                s.close();
              } else {
                buffer.flip();
                s.take(buffer, at);
              }
            }
          } catch (IOException | RuntimeException e) {
            // a refused connection, a reset or a malformed response: the stream ends with what it had
            s.close();
          }
          if (s.closed) {
            key.cancel();
            open--;
          }
        }
      }
    } finally {
      for (Stream s : streams) if (s != null && !s.closed) s.close();
    }
    long[][] arrivals = new long[n][];
    for (int i = 0; i < n; i++) arrivals[i] = streams[i] == null ? new long[0] : Arrays.copyOf(streams[i].events, streams[i].count);
    return arrivals;
  }

  /** One stream's connection and the decoder of its response: head, then chunked body. */
  private static final class Stream {
    SocketChannel channel;
    ByteBuffer pending;
    boolean closed;
    long[] events = new long[32];
    int count;

    private static final int HEAD = 0;
    private static final int SIZE = 1;
    private static final int DATA = 2;
    private static final int DATA_END = 3;
    private static final int DONE = 4;
    private int state = HEAD;
    /** Head bytes so far (bounded: a head over 16 KiB ends the stream). */
    private final StringBuilder line = new StringBuilder();
    private boolean chunked;
    private long remaining;
    private byte previous;

    void take(ByteBuffer b, long at) throws IOException {
      while (b.hasRemaining() && state != DONE) {
        switch (state) {
          case HEAD -> {
            line.append((char) (b.get() & 0xff));
            if (line.length() > 16 * 1024) throw new IOException("response head too long");
            int n = line.length();
            if (n >= 4 && line.charAt(n - 1) == '\n' && line.charAt(n - 2) == '\r' && line.charAt(n - 3) == '\n') {
              String head = line.toString().toLowerCase(java.util.Locale.ROOT);
              if (!head.startsWith("http/1.1 200")) throw new IOException("status: " + head.lines().findFirst().orElse(""));
              chunked = head.contains("transfer-encoding: chunked");
              line.setLength(0);
              state = chunked ? SIZE : DATA;
              remaining = Long.MAX_VALUE;
            }
          }
          case SIZE -> {
            char c = (char) (b.get() & 0xff);
            if (c == '\n') {
              String hex = line.toString().trim();
              int semi = hex.indexOf(';');
              remaining = Long.parseLong(semi < 0 ? hex : hex.substring(0, semi), 16);
              line.setLength(0);
              state = remaining == 0 ? DONE : DATA;
            } else if (line.length() < 64) {
              line.append(c);
            } else {
              throw new IOException("chunk size line too long");
            }
          }
          case DATA -> {
            int n = (int) Math.min(b.remaining(), remaining);
            for (int i = 0; i < n; i++) {
              byte c = b.get();
              if (c == '\n' && previous == '\n') event(at);
              if (c != '\r') previous = c;
            }
            if (remaining != Long.MAX_VALUE) remaining -= n;
            if (remaining == 0) state = DATA_END;
          }
          case DATA_END -> {
            if (b.get() == '\n') state = SIZE;
          }
          default -> throw new IllegalStateException();
        }
      }
      if (state == DONE) close();
    }

    private void event(long at) {
      if (count == events.length) events = Arrays.copyOf(events, count * 2);
      events[count++] = at;
    }

    void close() {
      closed = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a socket that failed: nothing left to do
      }
    }
  }
}
