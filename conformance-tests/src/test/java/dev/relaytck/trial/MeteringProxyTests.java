package dev.relaytck.trial;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The trial's metering proxy on loopback, in front of a stand-in relay: it passes bytes through
 * unchanged while reading usage, statuses and error types out of them (1-byte chunks and CRLF
 * included), keeps a path prefix of the relay's URL, holds the budget, and records a stream the
 * relay cut without hanging.
 */
class MeteringProxyTests {
  private static final String STREAM = String.join("\r\n",
      "event: message_start",
      "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":100,\"cache_creation_input_tokens\":10,"
          + "\"cache_read_input_tokens\":20,\"output_tokens\":1}}}",
      "",
      ": a comment line",
      "event: content_block_delta",
      "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}",
      "",
      "event: message_delta",
      "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":50}}",
      "",
      "event: message_stop",
      "data: {\"type\":\"message_stop\"}",
      "", "");
  private static final TrialPrices PRICES = new TrialPrices(3, 15, 3.75, 0.30, "test prices");
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer relay;
  private final AtomicInteger served = new AtomicInteger();

  @AfterEach
  void stop() {
    if (relay != null) relay.stop(0);
  }

  /** A relay that streams {@link #STREAM} one byte per write on {@code /prefix/v1/messages}, and 529 elsewhere. */
  private URI startRelay() throws IOException {
    relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    relay.createContext("/prefix/v1/messages", ex -> {
      served.incrementAndGet();
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().set("content-type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (byte b : STREAM.getBytes(StandardCharsets.UTF_8)) {
          out.write(b);
          out.flush();
        }
      }
    });
    relay.createContext("/prefix/v1/overloaded", ex -> {
      byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("content-type", "application/json");
      ex.sendResponseHeaders(529, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    relay.start();
    return URI.create("http://127.0.0.1:" + relay.getAddress().getPort() + "/prefix");
  }

  private HttpResponse<String> post(MeteringProxy proxy, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + path)).timeout(Duration.ofSeconds(20))
        .header("authorization", "Bearer fake-test-token").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStreamPassesThroughUnchangedAndItsUsageIsMetered() throws Exception {
    try (MeteringProxy proxy = new MeteringProxy(startRelay(), PRICES, Double.POSITIVE_INFINITY)) {
      proxy.task("qa");
      HttpResponse<String> r = post(proxy, "/v1/messages");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(STREAM);
      MeteredRequest m = proxy.requests().get(0);
      assertThat(m.task()).isEqualTo("qa");
      assertThat(m.path()).isEqualTo("/v1/messages");
      assertThat(m.errorType()).isNull();
      assertThat(m.ttftMs()).isGreaterThanOrEqualTo(m.firstByteMs()).isGreaterThanOrEqualTo(0);
      assertThat(List.of(m.inputTokens(), m.outputTokens(), m.cacheWriteTokens(), m.cacheReadTokens())).containsExactly(100L, 50L, 10L, 20L);
      assertThat(m.costUsd()).isCloseTo((100 * 3 + 50 * 15 + 10 * 3.75 + 20 * 0.30) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void anErrorIsRecordedWithTheStatusAndTypeTheClientReceived() throws Exception {
    try (MeteringProxy proxy = new MeteringProxy(startRelay(), PRICES, Double.POSITIVE_INFINITY)) {
      HttpResponse<String> r = post(proxy, "/v1/overloaded");
      assertThat(r.statusCode()).isEqualTo(529);
      assertThat(r.body()).contains("overloaded_error");
      assertThat(proxy.requests()).singleElement().satisfies(m -> {
        assertThat(m.status()).isEqualTo(529);
        assertThat(m.errorType()).isEqualTo("overloaded_error");
        assertThat(m.failed()).isTrue();
      });
    }
  }

  @Test
  void onceTheBudgetIsSpentNothingMoreReachesTheRelay() throws Exception {
    try (MeteringProxy proxy = new MeteringProxy(startRelay(), PRICES, 1e-4)) {
      assertThat(post(proxy, "/v1/messages").statusCode()).isEqualTo(200);
      HttpResponse<String> stopped = post(proxy, "/v1/messages");

      assertThat(stopped.statusCode()).isEqualTo(400);
      assertThat(stopped.body()).contains("the trial's budget (--max-cost-usd) is spent");
      assertThat(served.get()).as("the second request never reached the relay").isEqualTo(1);
      assertThat(proxy.budgetReached()).isTrue();
      assertThat(proxy.spentUsd()).isGreaterThanOrEqualTo(1e-4);
    }
  }

  @Test
  void aStreamTheRelayCutsIsRecordedNotHung() throws Exception {
    try (ServerSocket cutter = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = cutter.accept()) {
          s.getInputStream().read(new byte[65536]);
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
              + "40\r\nevent: message_start\ndata: {\"type\":\"message_start\"}\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        } catch (IOException ignored) {
          // the test reads what the proxy recorded
        }
      });
      t.start();
      try (MeteringProxy proxy = new MeteringProxy(URI.create("http://127.0.0.1:" + cutter.getLocalPort()), PRICES, 1)) {
        try {
          post(proxy, "/v1/messages");
        } catch (IOException cutToo) {
          // the client sees the cut as well
        }
        t.join(5_000);
        for (int i = 0; i < 50 && proxy.requests().isEmpty(); i++) Thread.sleep(100);
        assertThat(proxy.requests()).singleElement().satisfies(m -> assertThat(m.errorType()).isEqualTo("stream_cut"));
      }
    }
  }
}
