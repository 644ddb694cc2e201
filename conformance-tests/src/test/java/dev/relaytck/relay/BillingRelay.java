package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.relaytck.billing.Price;
import dev.relaytck.billing.TokenCount;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relay that bills: it keeps a balance in new-api quota units (500,000 per USD), serves it the
 * way new-api does ({@code GET /api/user/self} with an access token and {@code New-Api-User}) and
 * the way OpenAI's dashboard does ({@code /dashboard/billing/credit_grants}, with the API key),
 * and charges each answer at its price for the usage it reports, in one of the billing
 * {@link Mode}s. A {@link BalanceQuirk} makes its balance endpoints answer badly.
 */
public final class BillingRelay implements AutoCloseable {
  public static final String DASHBOARD_TOKEN = "dash-access-token-0123456789abcdef";
  public static final String USER_ID = "42";
  /** The key the relay sends upstream (a stand-in official API must accept it). */
  public static final String UPSTREAM_KEY = TestRelay.UPSTREAM_KEY;
  public static final double QUOTA_PER_USD = 500_000;
  /** What a relay that charges failed requests pre-charges and keeps: 0.004 USD. */
  static final long FAILED_CHARGE_QUOTA = 2000;

  public enum Mode {
    HONEST, OVERCHARGE_1_5X, INFLATE_INPUT_1_2X, INFLATE_INPUT_AND_COUNT_TOKENS_1_2X, INFLATE_OUTPUT_2X, CACHE_READS_AS_WRITES,
    CHARGE_FAILED, ASYNC_BOOKING,
    /** A stream the client cancelled is read to its end upstream and billed in full. */
    CANCELLED_STREAM_IN_FULL
  }

  public enum BalanceQuirk { NONE, HTML, UNAUTHORIZED, STRING, NEGATIVE, HANG_BODY, FLOOD }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FORWARDED = Set.of("content-type", "anthropic-version", "anthropic-beta");

  private final LoopbackServer server;
  private final ScheduledExecutorService booker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "billing-relay-booker");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI upstream;
  private final Mode mode;
  private final Price price;
  private final long bookDelayMs;
  private final AtomicLong quota = new AtomicLong(5_000_000);
  private final AtomicLong used = new AtomicLong();
  private volatile BalanceQuirk quirk = BalanceQuirk.NONE;

  /**
   * @param price what the relay charges per million tokens, USD
   * @param bookDelayMs {@link Mode#ASYNC_BOOKING}: how long after an answer its cost leaves the balance
   */
  public BillingRelay(URI upstream, Mode mode, Price price, long bookDelayMs) throws IOException {
    this.upstream = upstream;
    this.mode = mode;
    this.price = price;
    this.bookDelayMs = bookDelayMs;
    server = LoopbackServer.start("billing-relay", ex -> {
      try {
        handle(ex);
      } finally {
        ex.close();
      }
    });
  }

  public URI url() {
    return server.url();
  }

  public void quirk(BalanceQuirk q) {
    quirk = q;
  }

  public long quota() {
    return quota.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String auth = ex.getRequestHeaders().getFirst("authorization");
    String key = ex.getRequestHeaders().getFirst("x-api-key");
    if (path.equals("/api/user/self")) {
      boolean ok = ("Bearer " + DASHBOARD_TOKEN).equals(auth) && USER_ID.equals(ex.getRequestHeaders().getFirst("New-Api-User"));
      if (!ok) {
        send(ex, 401, "application/json", "{\"success\":false,\"message\":\"无权进行此操作，未登录且未提供 access token\"}");
        return;
      }
      balance(ex, "{\"success\":true,\"message\":\"\",\"data\":{\"id\":42,\"username\":\"tester\",\"quota\":%s,\"used_quota\":" + used.get()
          + ",\"request_count\":3}}", Long.toString(quota.get()));
      return;
    }
    if (path.equals("/dashboard/billing/credit_grants")) {
      if (!("Bearer " + TestRelay.CLIENT_KEY).equals(auth)) {
        send(ex, 401, "application/json", "{\"error\":{\"message\":\"invalid key\",\"type\":\"invalid_request_error\"}}");
        return;
      }
      double usd = quota.get() / QUOTA_PER_USD;
      balance(ex, "{\"object\":\"credit_summary\",\"total_granted\":100,\"total_used\":" + (100 - usd) + ",\"total_available\":%s}",
          Double.toString(usd));
      return;
    }
    if (!TestRelay.CLIENT_KEY.equals(key) && !("Bearer " + TestRelay.CLIENT_KEY).equals(auth)) {
      send(ex, 401, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
      return;
    }
    forward(ex, path);
  }

  /** Answers a balance request in {@code template} (one %s for the balance) or as the quirk says. */
  private void balance(HttpExchange ex, String template, String value) throws IOException {
    switch (quirk) {
      case HTML -> send(ex, 200, "text/html", "<!doctype html><html><body>Please log in</body></html>");
      case UNAUTHORIZED -> send(ex, 401, "application/json", "{\"success\":false,\"message\":\"access token expired\"}");
      case STRING -> send(ex, 200, "application/json", String.format(Locale.ROOT, template, "\"plenty\""));
      case NEGATIVE -> send(ex, 200, "application/json", String.format(Locale.ROOT, template, "-1500"));
      case NONE -> send(ex, 200, "application/json", String.format(Locale.ROOT, template, value));
      case HANG_BODY -> {
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(200, 1000);
        ex.getResponseBody().write("{\"success\":".getBytes(StandardCharsets.UTF_8));
        ex.getResponseBody().flush();
        sleepQuietly(5000);
      }
      case FLOOD -> {
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try (OutputStream o = ex.getResponseBody()) {
          for (int i = 0; i < 64; i++) o.write(chunk);
        } catch (IOException e) {
          // The reader gave up: what this quirk is for.
        }
      }
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(HttpExchange ex, String path) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String query = ex.getRequestURI().getRawQuery();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + path + (query == null ? "" : "?" + query)))
        .timeout(Duration.ofSeconds(20))
        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((name, values) -> {
      if (FORWARDED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> b.header(name, v));
    });
    b.header("x-api-key", TestRelay.UPSTREAM_KEY);
    HttpResponse<java.io.InputStream> resp;
    try {
      resp = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      send(ex, 502, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"upstream unavailable\"}}");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    String type = resp.headers().firstValue("content-type").orElse("application/json");
    int status = resp.statusCode();
    if (status < 400 && type.startsWith("text/event-stream")) {
      stream(ex, resp.body(), type);
      return;
    }
    String text;
    try (java.io.InputStream in = resp.body()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (status >= 400) {
      if (mode == Mode.CHARGE_FAILED) book(FAILED_CHARGE_QUOTA);
      send(ex, status, type, text);
      return;
    }
    TokenCount reported = TokenCount.ZERO;
    JsonNode j = JSON.readTree(text);
    if (j instanceof ObjectNode o && o.path("usage") instanceof ObjectNode u) {
      rewrite(u);
      reported = TokenCount.ofUsage(u);
    } else if (j instanceof ObjectNode o && path.endsWith("/count_tokens") && mode == Mode.INFLATE_INPUT_AND_COUNT_TOKENS_1_2X) {
      o.put("input_tokens", Math.round(o.path("input_tokens").asLong() * 1.2));
    }
    charge(reported);
    send(ex, status, type, JSON.writeValueAsString(j));
  }

  private void charge(TokenCount reported) {
    book(Math.round(price.usd(reported) * (mode == Mode.OVERCHARGE_1_5X ? 1.5 : 1) * QUOTA_PER_USD));
  }

  /**
   * Relays a stream event by event as the upstream sends it, rewriting usage as the mode says.
   * When a write fails the client has gone: an honest relay stops reading upstream and bills what
   * it delivered (the prompt, and the delivered content's output at four characters per token, as
   * relays that count tokens themselves do); {@link Mode#CANCELLED_STREAM_IN_FULL} reads on and
   * bills the whole answer.
   */
  private void stream(HttpExchange ex, java.io.InputStream body, String type) throws IOException {
    ex.getResponseHeaders().set("content-type", type);
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    TokenCount reported = TokenCount.ZERO;
    TokenCount delivered = TokenCount.ZERO;
    long chars = 0;
    long deliveredChars = 0;
    boolean cancelled = false;
    try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
      StringBuilder event = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data:")) {
          JsonNode data = JSON.readTree(line.substring(5).trim());
          JsonNode usage = data.path("type").asText().equals("message_start") ? data.path("message").path("usage") : data.path("usage");
          if (usage instanceof ObjectNode u) {
            rewrite(u);
            // message_delta repeats or updates counters: the last value of each counter is the final one.
            reported = merge(reported, u, TokenCount.ofUsage(u));
          }
          JsonNode delta = data.path("delta");
          chars += delta.path("text").asText("").length() + delta.path("thinking").asText("").length()
              + delta.path("partial_json").asText("").length();
          event.append("data: ").append(JSON.writeValueAsString(data)).append('\n');
          continue;
        }
        if (!line.isEmpty()) {
          event.append(line).append('\n');
          continue;
        }
        if (event.length() == 0) continue;
        if (!cancelled) {
          try {
            out.write(event.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            delivered = reported;
            deliveredChars = chars;
          } catch (IOException gone) {
            cancelled = true;
            if (mode != Mode.CANCELLED_STREAM_IN_FULL) break;
          }
        }
        event.setLength(0);
      }
    } catch (IOException upstreamBroke) {
      // Bill what was delivered, as below.
    }
    if (!cancelled || mode == Mode.CANCELLED_STREAM_IN_FULL) {
      charge(reported);
    } else {
      charge(new TokenCount(delivered.input(), Math.max(delivered.output(), (deliveredChars + 3) / 4), delivered.cacheWrite(),
          delivered.cacheRead()));
    }
    try {
      out.close();
    } catch (IOException gone) {
      // The client left; nothing more to say to it.
    }
  }

  private static TokenCount merge(TokenCount sofar, JsonNode u, TokenCount t) {
    return new TokenCount(u.has("input_tokens") ? t.input() : sofar.input(), u.has("output_tokens") ? t.output() : sofar.output(),
        u.has("cache_creation_input_tokens") ? t.cacheWrite() : sofar.cacheWrite(),
        u.has("cache_read_input_tokens") ? t.cacheRead() : sofar.cacheRead());
  }

  private void rewrite(ObjectNode u) {
    switch (mode) {
      case INFLATE_INPUT_1_2X, INFLATE_INPUT_AND_COUNT_TOKENS_1_2X -> {
        if (u.has("input_tokens")) u.put("input_tokens", Math.round(u.get("input_tokens").asLong() * 1.2));
      }
      case INFLATE_OUTPUT_2X -> {
        if (u.has("output_tokens")) u.put("output_tokens", u.get("output_tokens").asLong() * 2);
      }
      case CACHE_READS_AS_WRITES -> {
        long read = u.path("cache_read_input_tokens").asLong(0);
        if (read > 0) {
          u.put("cache_creation_input_tokens", u.path("cache_creation_input_tokens").asLong(0) + read);
          u.put("cache_read_input_tokens", 0);
        }
      }
      default -> { }
    }
  }

  private void book(long cost) {
    if (cost == 0) return;
    if (mode == Mode.ASYNC_BOOKING) {
      booker.schedule(() -> debit(cost), bookDelayMs, TimeUnit.MILLISECONDS);
    } else {
      debit(cost);
    }
  }

  private void debit(long cost) {
    quota.addAndGet(-cost);
    used.addAndGet(cost);
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  @Override
  public void close() {
    server.close();
    booker.shutdownNow();
  }
}
