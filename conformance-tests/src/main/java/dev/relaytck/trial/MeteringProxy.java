package dev.relaytck.trial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback hop between the Claude Code CLI and the relay, so the kit sees every request the CLI
 * makes: status and error type as the client received them, time to first byte and to the first
 * content delta, the usage the relay reported, and its cost. It also holds the trial to its budget:
 * once the metered cost reaches the limit it answers further requests itself with an error naming
 * the budget, so the CLI stops instead of spending more (docs/trial.md, "Budget").
 *
 * <p>It asks the relay for uncompressed bodies, so it can read the stream; everything else passes
 * through unchanged. Bodies are bounded (requests {@value #MAX_REQUEST} bytes; answers are streamed
 * through, and at most {@value #MAX_SCAN} bytes of a JSON answer are kept for reading).
 */
public final class MeteringProxy implements AutoCloseable {
  static final int MAX_REQUEST = 32 * 1024 * 1024;
  static final int MAX_SCAN = 1024 * 1024;
  /** The error type the proxy records for a request it refused because the budget was spent. */
  static final String BUDGET_REACHED = "relay-tck_budget_reached";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "accept-encoding",
      "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection");

  private final URI relay;
  private final TrialPrices prices;
  private final double limitUsd;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "relay-tck-trial-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client;
  private final List<MeteredRequest> requests = new ArrayList<>();
  private volatile String task = "none";
  private volatile boolean budgetReached;

  /**
   * @param relay the relay's base URL (a path prefix is kept)
   * @param limitUsd stop forwarding once the metered cost reaches this; {@code Double.POSITIVE_INFINITY} for none
   */
  public MeteringProxy(URI relay, TrialPrices prices, double limitUsd) throws IOException {
    this.relay = relay;
    this.prices = prices;
    this.limitUsd = limitUsd;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** The base URL the CLI is given. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Tags the requests that follow with the task that sends them (tasks run one after another). */
  public void task(String id) {
    this.task = id;
  }

  public synchronized List<MeteredRequest> requests() {
    return List.copyOf(requests);
  }

  public synchronized double spentUsd() {
    return requests.stream().mapToDouble(MeteredRequest::costUsd).sum();
  }

  public boolean budgetReached() {
    return budgetReached;
  }

  private void handle(HttpExchange ex) throws IOException {
    String currentTask = task;
    long t0 = System.nanoTime();
    try (ex) {
      if (spentUsd() >= limitUsd) {
        budgetReached = true;
        byte[] body = ("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"relay-tck: the trial's budget"
            + " (--max-cost-usd) is spent; this request was not sent to the relay\"}}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(400, body.length);
        ex.getResponseBody().write(body);
        record(new MeteredRequest(currentTask, ex.getRequestMethod(), ex.getRequestURI().getPath(), 400, BUDGET_REACHED,
            0, -1, 0, 0, 0, 0, 0, 0));
        return;
      }
      byte[] requestBody = readBounded(ex.getRequestBody(), MAX_REQUEST);
      HttpRequest.Builder out = HttpRequest.newBuilder(target(ex.getRequestURI())).timeout(Duration.ofSeconds(300))
          .method(ex.getRequestMethod(), requestBody.length == 0 && !"POST".equals(ex.getRequestMethod())
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      ex.getRequestHeaders().forEach((name, values) -> {
        if (HOP.contains(name.toLowerCase(Locale.ROOT))) return;
        values.forEach(v -> out.header(name, v));
      });
      out.header("accept-encoding", "identity");
      HttpResponse<InputStream> response;
      try {
        response = client.send(out.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        byte[] body = ("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"relay-tck trial proxy: the relay could not be"
            + " reached\"}}").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(502, body.length);
        ex.getResponseBody().write(body);
        record(new MeteredRequest(currentTask, ex.getRequestMethod(), ex.getRequestURI().getPath(), 502, "relay_unreachable",
            -1, -1, ms(t0), 0, 0, 0, 0, 0));
        return;
      }
      response.headers().map().forEach((name, values) -> {
        String n = name.toLowerCase(Locale.ROOT);
        if (HOP.contains(n) || n.equals("content-encoding") || n.startsWith(":")) return;
        values.forEach(v -> ex.getResponseHeaders().add(name, v));
      });
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(response.statusCode(), head ? -1 : 0);
      StreamMeter meter = new StreamMeter();
      long firstByte = -1;
      long firstDelta = -1;
      // The exchange (closed last, by the outer try) ends the client's response only after the request is recorded,
      // so whoever reads the figures after a response has them.
      OutputStream client = ex.getResponseBody();
      try (InputStream in = response.body()) {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
          if (firstByte < 0) firstByte = ms(t0);
          meter.feed(buf, n);
          if (firstDelta < 0 && meter.sawDelta()) firstDelta = ms(t0);
          if (!head) {
            client.write(buf, 0, n);
            client.flush();
          }
        }
      } catch (IOException e) {
        meter.cut();
      }
      String errorType = response.statusCode() >= 400 ? meter.errorType().orElse("http_" + response.statusCode())
          : meter.errorType().orElse(null);
      long[] u = meter.usage();
      record(new MeteredRequest(currentTask, ex.getRequestMethod(), ex.getRequestURI().getPath(), response.statusCode(), errorType,
          firstByte, firstDelta, ms(t0), u[0], u[1], u[2], u[3], prices.cost(u[0], u[1], u[2], u[3])));
    } catch (IOException | RuntimeException e) {
      record(new MeteredRequest(currentTask, ex.getRequestMethod(), ex.getRequestURI().getPath(), 599, "relay-tck_proxy_error",
          -1, -1, ms(t0), 0, 0, 0, 0, 0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private URI target(URI incoming) {
    String base = relay.toString().replaceAll("/+$", "");
    return URI.create(base + incoming.getRawPath() + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery()));
  }

  private synchronized void record(MeteredRequest r) {
    requests.add(r);
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static byte[] readBounded(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > max) throw new IOException("request body above " + max + " bytes");
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  /** Reads usage and errors out of an SSE stream or a JSON body as it passes, line by line, bounded. */
  static final class StreamMeter {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream whole = new ByteArrayOutputStream();
    private boolean sse;
    private boolean delta;
    private String errorType;
    private final long[] usage = new long[4];

    void feed(byte[] buf, int n) {
      if (whole.size() < MAX_SCAN) whole.write(buf, 0, Math.min(n, MAX_SCAN - whole.size()));
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          line(line.toString(StandardCharsets.UTF_8).strip());
          line.reset();
        } else if (line.size() < MAX_SCAN) {
          line.write(b);
        }
      }
    }

    private void line(String l) {
      if (l.startsWith("event:")) sse = true;
      if (!l.startsWith("data:")) return;
      sse = true;
      String data = l.substring(5).strip();
      if (data.contains("\"content_block_delta\"")) {
        delta = true;
        return;
      }
      if (!data.contains("usage") && !data.contains("\"error\"")) return;
      try {
        JsonNode event = JSON.readTree(data);
        switch (event.path("type").asText()) {
          case "message_start" -> usage(event.path("message").path("usage"), true);
          case "message_delta" -> usage(event.path("usage"), false);
          case "error" -> errorType = event.path("error").path("type").asText("error");
          default -> { }
        }
      } catch (IOException notJson) {
        // A malformed event is the relay's problem; the wire checks report it.
      }
    }

    /** message_start carries the input side; message_delta the cumulative output (and, from some relays, input). */
    private void usage(JsonNode u, boolean start) {
      if (u.isMissingNode()) return;
      if (start || u.has("input_tokens")) usage[0] = Math.max(usage[0], u.path("input_tokens").asLong(0));
      usage[1] = Math.max(usage[1], u.path("output_tokens").asLong(0));
      usage[2] = Math.max(usage[2], u.path("cache_creation_input_tokens").asLong(0));
      usage[3] = Math.max(usage[3], u.path("cache_read_input_tokens").asLong(0));
    }

    boolean sawDelta() {
      return delta;
    }

    void cut() {
      if (errorType == null) errorType = "stream_cut";
    }

    java.util.Optional<String> errorType() {
      if (errorType != null || sse) return java.util.Optional.ofNullable(errorType);
      try {
        JsonNode body = JSON.readTree(whole.toByteArray());
        if (body != null && body.has("usage")) usage(body.path("usage"), true);
        if (body != null && body.path("error").isObject()) return java.util.Optional.of(body.path("error").path("type").asText("error"));
      } catch (IOException notJson) {
        // Not JSON: the status says enough.
      }
      return java.util.Optional.empty();
    }

    long[] usage() {
      return usage.clone();
    }
  }
}
