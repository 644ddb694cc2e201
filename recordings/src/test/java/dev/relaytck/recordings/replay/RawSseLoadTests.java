package dev.relaytck.recordings.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark's raw load generator counts events as an SSE client would, whatever the framing. */
class RawSseLoadTests {
  @Test
  void countsEveryEventOfScheduledStreamsFromTheReplayServer() throws Exception {
    try (ReplayServer server = ReplayServer.start(ReplayOptions.of(List.of(ReplayBenchmark.paced())).withTimeScale(0.01))) {
      String body = Fixtures.requestBody("[[relay-tck:bench-stream:raw]]", true).toString();
      RawSseLoad load = new RawSseLoad(new InetSocketAddress("127.0.0.1", server.port()),
          RawSseLoad.post("127.0.0.1", server.port(), "/v1/messages", "k", body));

      long[][] arrivals = load.run(3, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(30));

      assertThat(arrivals).hasNumberOfRows(3);
      for (long[] stream : arrivals) {
        assertThat(stream).hasSize(20);
        for (int i = 1; i < stream.length; i++) assertThat(stream[i]).isGreaterThanOrEqualTo(stream[i - 1]);
      }
    }
  }

  @Test
  void decodesChunksSplitInsideEventsAndCrlfLineEndings() throws Exception {
    // Two events, the first with CRLF line endings; chunk boundaries fall inside the blank line.
    String[] chunks = {"event: a\r\ndata: 1\r\n\r", "\nevent: b\ndata: 2\n", "\n"};
    StringBuilder response = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (String c : chunks) response.append(Integer.toHexString(c.length())).append(";ext=1\r\n").append(c).append("\r\n");
    response.append("0\r\n\r\n");
    byte[] bytes = response.toString().getBytes(StandardCharsets.US_ASCII);

    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        try (Socket s = listener.accept()) {
          s.setSoTimeout(10_000);
          readHead(s.getInputStream());
          OutputStream out = s.getOutputStream();
          for (byte b : bytes) {
            out.write(b); // one byte a write: every read of the client may end anywhere
            out.flush();
          }
        } catch (Exception e) {
          // the client's assertions report what went wrong
        }
      });
      server.start();
      RawSseLoad load = new RawSseLoad(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
          RawSseLoad.post("127.0.0.1", listener.getLocalPort(), "/v1/messages", "k", "{}"));

      long[][] arrivals = load.run(1, 0, TimeUnit.SECONDS.toNanos(10));
      server.join(10_000);

      assertThat(arrivals[0]).hasSize(2);
    }
  }

  private static void readHead(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) return;
      head.write(b);
    }
  }
}
