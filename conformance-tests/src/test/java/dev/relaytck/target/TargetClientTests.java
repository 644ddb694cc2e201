package dev.relaytck.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client reads bodies chunk by chunk with arrival times, and every wait ends within its timeout. */
class TargetClientTests {
  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/chunks", ex -> {
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      for (int i = 0; i < 3; i++) {
        out.write(("part" + i + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        pause(60);
      }
      out.close();
    });
    server.createContext("/stall", ex -> {
      ex.sendResponseHeaders(200, 0);
      ex.getResponseBody().write("first".getBytes(StandardCharsets.UTF_8));
      ex.getResponseBody().flush();
      await();
      ex.close();
    });
    server.createContext("/no-headers", ex -> {
      await();
      ex.close();
    });
    server.createContext("/echo-auth", ex -> {
      byte[] b = String.valueOf(ex.getRequestHeaders().getFirst("authorization")).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private void await() {
    try {
      release.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Short waits for the timeout tests only: the others must not depend on a loaded machine's speed. */
  private static final Map<String, String> SHORT = Map.of(TargetConfig.TIMEOUT_IDLE, "400", TargetConfig.TIMEOUT_HEADERS, "400");

  private TargetClient client(String base, Map<String, String> more) {
    Map<String, String> p = new java.util.HashMap<>(Map.of(TargetConfig.BASE_URL, base, TargetConfig.AUTH_TOKEN, "tok-123",
        TargetConfig.TIMEOUT_IDLE, "10000", TargetConfig.TIMEOUT_HEADERS, "10000", TargetConfig.TIMEOUT_TOTAL, "20000"));
    p.putAll(more);
    return new TargetClient(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()));
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void chunksArriveSeparatelyWithIncreasingArrivalTimes() {
    Exchange e = client(base(), Map.of()).send("t", ExchangeRequest.get("/chunks"));
    assertThat(e.ending()).isEqualTo(Ending.COMPLETE);
    assertThat(e.bodyText()).isEqualTo("part0\npart1\npart2\n");
    assertThat(e.chunks()).hasSizeGreaterThanOrEqualTo(3);
    long first = e.chunks().get(0).arrivalNanos();
    long last = e.chunks().get(e.chunks().size() - 1).arrivalNanos();
    assertThat(last - first).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(60));
  }

  @Test
  void aStallMidBodyEndsAtTheIdleTimeoutWithEvidence() {
    Exchange e = client(base(), SHORT).send("t", ExchangeRequest.get("/stall"));
    assertThat(e.ending()).isEqualTo(Ending.IDLE_TIMEOUT);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.endingDetail()).contains("no byte for 400 ms after 5 body bytes");
  }

  @Test
  void noHeadersEndsAtTheHeadersTimeout() {
    Exchange e = client(base(), SHORT).send("t", ExchangeRequest.get("/no-headers"));
    assertThat(e.ending()).isEqualTo(Ending.HEADERS_TIMEOUT);
    assertThat(e.status()).isEqualTo(-1);
  }

  @Test
  void theTotalTimeoutBoundsADrippingBody() {
    Exchange e = client(base(), Map.of(TargetConfig.TIMEOUT_IDLE, "5000", TargetConfig.TIMEOUT_TOTAL, "500")).send("t", ExchangeRequest.get("/stall"));
    assertThat(e.ending()).isEqualTo(Ending.TOTAL_TIMEOUT);
  }

  @Test
  void theBearerCredentialIsSentButRecordedRedacted() {
    Exchange e = client(base(), Map.of()).send("t", ExchangeRequest.get("/echo-auth"));
    assertThat(e.bodyText()).isEqualTo("Bearer tok-123");
    assertThat(e.sentHeaders()).containsEntry("authorization", "Bearer ***");
  }

  @Test
  void aClosedPortIsUnreachableNotAFailedExchange() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TargetClient c = client("http://127.0.0.1:" + port, Map.of());
    assertThatThrownBy(() -> c.send("t", ExchangeRequest.get("/x")))
        .isInstanceOf(TargetUnreachableException.class).hasMessageContaining("cannot connect to http://127.0.0.1:" + port);
  }
}
