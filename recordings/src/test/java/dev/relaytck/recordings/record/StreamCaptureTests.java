package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relaytck.recordings.format.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The capture against a JDK server on loopback that writes with real pauses. */
class StreamCaptureTests {
  private static final String START = "event: message_start\r\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01A\","
      + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,"
      + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\r\n\r\n";
  private static final String BLOCK = "event: content_block_start\r\ndata: {\"type\":\"content_block_start\",\"index\":0,"
      + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\r\n\r\n";
  private static final String DELTA = "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
      + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \u00e9\"}}      \r\n\r\n";
  private static final String STOP = ": a comment the protocol allows\r\n\r\n"
      + "event: content_block_stop\r\ndata: {\"type\":\"content_block_stop\",\"index\":0}\r\n\r\n"
      + "event: message_delta\r\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
      + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}\r\n\r\n"
      + "event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n";

  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/paced", this::paced);
    server.createContext("/stall", this::stall);
    server.createContext("/json", e -> {
      byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}".getBytes(StandardCharsets.UTF_8);
      e.getResponseHeaders().add("content-type", "application/json");
      e.sendResponseHeaders(400, body.length);
      e.getResponseBody().write(body);
      e.close();
    });
    server.createContext("/v1/messages/count_tokens", e -> {
      String query = e.getRequestURI().getQuery();
      byte[] body = ("bad".equals(query) ? "{\"tokens\":3}" : "{\"input_tokens\":3}").getBytes(StandardCharsets.UTF_8);
      e.getResponseHeaders().add("content-type", "application/json");
      e.sendResponseHeaders(200, body.length);
      e.getResponseBody().write(body);
      e.close();
    });
    server.createContext("/broken", e -> {
      e.getResponseHeaders().add("content-type", "text/event-stream");
      e.sendResponseHeaders(200, 0);
      write(e.getResponseBody(), BLOCK + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
      e.close();
    });
    server.createContext("/endless", e -> {
      // One line that never ends, as fast as the connection takes it, until the client hangs up.
      e.getResponseHeaders().add("content-type", "text/event-stream");
      e.sendResponseHeaders(200, 0);
      byte[] junk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
      try {
        for (int i = 0; i < 100_000; i++) e.getResponseBody().write(junk);
      } catch (IOException clientGone) {
        // expected: the capture stops reading at its limit
      }
      e.close();
    });
    server.createContext("/bomb", e -> {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 8; i++) gz.write(zeros);
      }
      e.getResponseHeaders().add("content-type", "application/json");
      e.getResponseHeaders().add("content-encoding", "gzip");
      e.sendResponseHeaders(200, zipped.size());
      e.getResponseBody().write(zipped.toByteArray());
      e.close();
    });
    server.createContext("/gzip", e -> {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
        gz.write((START + BLOCK + DELTA + STOP).getBytes(StandardCharsets.UTF_8));
      }
      e.getResponseHeaders().add("content-type", "text/event-stream");
      e.getResponseHeaders().add("content-encoding", "gzip");
      e.sendResponseHeaders(200, zipped.size());
      e.getResponseBody().write(zipped.toByteArray());
      e.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private void paced(HttpExchange e) throws IOException {
    e.getResponseHeaders().add("content-type", "text/event-stream");
    e.sendResponseHeaders(200, 0);
    try (OutputStream out = e.getResponseBody()) {
      byte[] delta = DELTA.getBytes(StandardCharsets.UTF_8);
      out.flush(); // the headers leave now, the first event 300 ms later
      pause(300);
      write(out, START);
      pause(300);
      write(out, BLOCK);
      pause(300);
      // The delta in two writes, cut inside the UTF-8 of é: the event arrives with its second half.
      int cut = DELTA.indexOf('\u00e9') + 1;
      out.write(delta, 0, cut);
      out.flush();
      pause(300);
      out.write(delta, cut, delta.length - cut);
      out.flush();
      pause(300);
      write(out, STOP);
    }
  }

  private void stall(HttpExchange e) throws IOException {
    e.getResponseHeaders().add("content-type", "text/event-stream");
    e.sendResponseHeaders(200, 0);
    write(e.getResponseBody(), START);
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    e.close();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(10)).build();
  }

  @Test
  void keepsTheStreamByteForByteWithTheArrivalOfEveryEvent() throws Exception {
    StreamCapture.Captured captured = new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(10)).exchange(get("/paced"));

    String sent = START + BLOCK + DELTA + STOP;
    assertThat(captured.body()).isEqualTo(sent.getBytes(StandardCharsets.UTF_8));
    List<RecordedEvent> events = captured.events();
    assertThat(events).hasSize(7); // the comment-only block is a block of the file too
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    events.forEach(ev -> joined.writeBytes(ev.bytes()));
    assertThat(joined.toByteArray()).isEqualTo(captured.body());
    assertThat(new String(events.get(2).bytes(), StandardCharsets.UTF_8)).isEqualTo(DELTA);
    // Pauses of 300 ms; wide margins, as the machine is shared and a chunk may be handed over late.
    assertThat(events.get(0).offsetMs()).as("300 ms after the headers").isBetween(150L, 5_000L);
    assertThat(events.get(1).offsetMs()).isGreaterThanOrEqualTo(events.get(0).offsetMs() + 150);
    assertThat(events.get(2).offsetMs()).as("the delta is complete only with its second write, 600 ms later")
        .isGreaterThanOrEqualTo(events.get(1).offsetMs() + 450);
    assertThat(events.get(3).offsetMs()).isGreaterThanOrEqualTo(events.get(2).offsetMs() + 150);
    assertThat(events.get(6).offsetMs()).isEqualTo(events.get(3).offsetMs()).as("written at once");
    assertThat(captured.report().clean()).as(String.valueOf(captured.report().violations())).isTrue();
    assertThat(captured.report().eventCount()).isEqualTo(6);
    assertThat(captured.compressed()).isFalse();
  }

  @Test
  void aStallEndsAfterTheIdleTimeoutWithWhatArrived() {
    StreamCapture capture = new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(1));

    long started = System.nanoTime();
    assertThatThrownBy(() -> capture.exchange(get("/stall")))
        .isInstanceOf(StreamCapture.StalledException.class)
        .hasMessageContaining("sent nothing for 1 s after " + START.getBytes(StandardCharsets.UTF_8).length + " bytes");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
  }

  @Test
  void anEndlessBodyEndsAtTheLimitWithAClearError() {
    StreamCapture capture = new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(5), 1 << 20);
    assertThatThrownBy(() -> capture.exchange(get("/endless")))
        .isInstanceOf(StreamCapture.OversizeException.class)
        .hasMessage("the upstream's body passed 1048576 bytes without ending (an endless stream?): not recorded");
  }

  @Test
  void aGzipBombIsNotDecompressedPastTheLimit() {
    StreamCapture capture = new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(5), 1 << 20);
    assertThatThrownBy(() -> capture.exchange(get("/bomb")))
        .isInstanceOf(StreamCapture.OversizeException.class)
        .hasMessageContaining("decompresses to more than 1048576 bytes");
  }

  @Test
  void aJsonBodyIsKeptWholeAndValidated() throws Exception {
    StreamCapture.Captured captured = new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(5)).exchange(get("/json"));

    assertThat(captured.status()).isEqualTo(400);
    assertThat(captured.events()).isNull();
    assertThat(new String(captured.body(), StandardCharsets.UTF_8)).contains("invalid_request_error");
    assertThat(captured.report().clean()).isTrue();
    assertThat(captured.report().error().path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void anEventCompletedByALaterChunkTakesThatChunksTime() {
    byte[] body = "event: a\ndata: 1\n\nevent: b\ndata: 2\n\n".getBytes(StandardCharsets.UTF_8);
    long headers = 1_000_000_000L;
    List<long[]> arrivals = List.of(new long[] {10, headers + 5_000_000L}, new long[] {25, headers + 40_000_000L},
        new long[] {body.length, headers + 90_000_000L});

    List<RecordedEvent> events = StreamCapture.timedBlocks(body, arrivals, headers);

    assertThat(events).extracting(RecordedEvent::offsetMs).containsExactly(40L, 90L);
  }

  @Test
  void aCountTokensAnswerIsCheckedAgainstItsOwnSchema() throws Exception {
    StreamCapture capture = new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(5));

    assertThat(capture.exchange(get("/v1/messages/count_tokens")).problems()).isEmpty();
    assertThat(capture.exchange(get("/v1/messages/count_tokens?bad")).problems())
        .singleElement().asString().startsWith("count_tokens body at ").contains("input_tokens");
  }

  @Test
  void aStreamThatBreaksTheEventGrammarIsKeptAndItsProblemsSaid() throws Exception {
    StreamCapture.Captured captured = new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(5)).exchange(get("/broken"));

    assertThat(captured.events()).hasSize(2);
    assertThat(captured.problems()).isNotEmpty().first().asString().contains("message_start");
  }

  @Test
  void aStreamCompressedAgainstTheRequestIsDecodedAndSaysItsTimingIsNotPerEvent() throws Exception {
    StreamCapture.Captured captured = new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(5)).exchange(get("/gzip"));

    assertThat(captured.compressed()).isTrue();
    assertThat(captured.body()).isEqualTo((START + BLOCK + DELTA + STOP).getBytes(StandardCharsets.UTF_8));
    assertThat(captured.events()).hasSize(7).extracting(RecordedEvent::offsetMs).containsOnly(captured.events().get(0).offsetMs());
    assertThat(captured.problems()).isEmpty();
  }

  @Test
  void aConnectionCutMidBodyIsAnErrorNamingHowFarItGot() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread cutter = new Thread(() -> {
        try (java.net.Socket client = socket.accept()) {
          client.getInputStream().read(new byte[4096]);
          OutputStream out = client.getOutputStream();
          byte[] first = START.getBytes(StandardCharsets.UTF_8);
          out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
              + Integer.toHexString(first.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(first);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(200);
        } catch (IOException | InterruptedException ignored) {
          // the test reads what the client made of it
        }
      });
      cutter.start();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/"))
          .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(10)).build();

      assertThatThrownBy(() -> new StreamCapture(HttpClient.newHttpClient(), Duration.ofSeconds(10)).exchange(request))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("the response body broke off after " + START.getBytes(StandardCharsets.UTF_8).length + " bytes");
      cutter.join(5_000);
    }
  }
}
