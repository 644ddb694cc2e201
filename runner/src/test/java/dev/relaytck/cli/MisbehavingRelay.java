package dev.relaytck.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * A relay that never answers properly, on a raw loopback socket (so it can do what no HTTP
 * server library would let it): the behaviours a kit must survive with bounded memory and time.
 * Every connection has its own daemon thread; {@link #close()} closes them all.
 */
final class MisbehavingRelay implements AutoCloseable {
  enum Behaviour {
    /** A 200 event stream that is one endless line: bytes as fast as the client reads them. */
    FLOOD,
    /** A 200 JSON body of 64 KiB, gzip-labelled, that decodes to 64 MiB of zeros. */
    GZIP_BOMB,
    /** Reads the request, then never answers. */
    HANG,
    /** A 200 event stream that sends one byte every 100 ms, forever. */
    DRIP
  }

  private static volatile byte[] bomb;

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  MisbehavingRelay(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "misbehaving-relay-" + behaviour.name().toLowerCase(Locale.ROOT));
    accept.setDaemon(true);
    accept.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "misbehaving-relay-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      readRequest(in);
      switch (behaviour) {
        case FLOOD -> {
          out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"
              + "event: message_start\r\ndata: ").getBytes(StandardCharsets.US_ASCII));
          byte[] x = new byte[64 * 1024];
          java.util.Arrays.fill(x, (byte) 'x');
          while (!closed) out.write(x);
        }
        case GZIP_BOMB -> {
          byte[] body = bomb();
          out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: "
              + body.length + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        }
        case HANG -> {
          while (!closed && in.read() >= 0) {
            // Holds the connection until the client gives up.
          }
        }
        case DRIP -> {
          out.write("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n: ".getBytes(StandardCharsets.US_ASCII));
          while (!closed) {
            out.write('.');
            out.flush();
            Thread.sleep(100);
          }
        }
      }
    } catch (IOException e) {
      // The client closed the connection: what it is expected to do.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(s);
    }
  }

  /** Headers up to the blank line, then Content-Length bytes of body. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    int state = 0;
    while (state < 4 && (b = in.read()) >= 0) {
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    long length = 0;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Long.parseLong(line.substring(15).trim());
    }
    in.skipNBytes(length);
  }

  private static byte[] bomb() throws IOException {
    byte[] b = bomb;
    if (b == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 64; i++) gz.write(zeros);
      }
      b = out.toByteArray();
      bomb = b;
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }
}
