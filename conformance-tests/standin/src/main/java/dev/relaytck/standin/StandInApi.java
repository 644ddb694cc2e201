package dev.relaytck.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A stand-in for the official Messages API on 127.0.0.1, for proving live mode: it behaves like
 * the real service and nothing more. It serves only its own models, answers with its own
 * stochastic text, ignores anything the kit puts in a prompt (scenario markers are just text to
 * it), and fails only for real causes: authentication, validation, limits, size. Faults happen
 * only when a test asks for them through the hooks ({@link #failNext}, {@link #failNextMidStream},
 * {@link #addLatency}).
 *
 * <p>Endpoints: {@code POST /v1/messages} (JSON and SSE), {@code POST /v1/messages/count_tokens},
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}. Every response carries a
 * {@code request-id} ({@code req_011C…}) and rate-limit headers whose remaining counts fall.
 */
public final class StandInApi implements AutoCloseable {
  /** What the stand-in received: everything a test needs to see what a relay forwarded. */
  public record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    /** A header's first value, name case-insensitive, or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    /** The body as JSON, or null when it is not JSON. */
    public JsonNode json() {
      try {
        return body.length == 0 ? null : Wire.JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }
  }

  /** Configuration; every default is what a test wants unless it says otherwise. */
  public static final class Builder {
    private final List<LanguageModel> models = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private Pacing pacing = Pacing.NONE;
    private Long seed;
    private long maxBodyBytes = 32L * 1024 * 1024;
    private InstantSource clock = InstantSource.system();
    private boolean modelsEndpoint = true;
    private boolean modelLimits = true;
    private byte[] secret;

    /** A model to serve; the first one added is listed first. */
    public Builder model(LanguageModel model) {
      models.add(model);
      return this;
    }

    /** An accepted credential (x-api-key or Bearer); without any, every non-empty credential is accepted. */
    public Builder apiKey(String key) {
      keys.add(key);
      return this;
    }

    public Builder pacing(Pacing p) {
      pacing = p;
      return this;
    }

    /** Seed of the sampler at temperature above 0, so a test's answers are reproducible. */
    public Builder seed(long s) {
      seed = s;
      return this;
    }

    /** The body size above which the edge answers 413 (the official limit is 32 MB). */
    public Builder maxBodyBytes(long bytes) {
      maxBodyBytes = bytes;
      return this;
    }

    /** The clock of prompt-cache lifetimes. */
    public Builder clock(InstantSource c) {
      clock = c;
      return this;
    }

    /** Without it, {@code GET /v1/models} is a 404 (a relay that does not offer the endpoint). */
    public Builder withoutModelsEndpoint() {
      modelsEndpoint = false;
      return this;
    }

    /** The model list without {@code max_input_tokens}/{@code max_tokens} (as older API versions). */
    public Builder withoutModelLimits() {
      modelLimits = false;
      return this;
    }

    /** The thinking-signature secret (default: random per server). */
    public Builder signingSecret(byte[] s) {
      secret = s.clone();
      return this;
    }

    public StandInApi start() throws IOException {
      if (models.isEmpty()) {
        throw new IllegalStateException("a stand-in needs at least one model");
      }
      return new StandInApi(this);
    }
  }

  private record Forced(int status, boolean midStream) {}

  private static final int MAX_JOURNAL = 10_000;
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final long REQUEST_LIMIT = 4_000;
  private static final long TOKEN_LIMIT = 2_000_000;

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stand-in-api");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, LanguageModel> models = new LinkedHashMap<>();
  private final Set<String> keys;
  private final Pacing pacing;
  private final long maxBodyBytes;
  private final boolean modelsEndpoint;
  private final boolean modelLimits;
  private final InstantSource clock;
  private final SplittableRandom seeds;
  private final ThinkingSignatures signatures;
  private final PromptCache cache;
  private final List<Received> journal = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Forced> forced = new ArrayDeque<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong tokensUsed = new AtomicLong();
  private volatile Duration latency = Duration.ZERO;

  private StandInApi(Builder b) throws IOException {
    b.models.forEach(m -> models.put(m.name(), m));
    keys = Set.copyOf(b.keys);
    pacing = b.pacing;
    maxBodyBytes = b.maxBodyBytes;
    modelsEndpoint = b.modelsEndpoint;
    modelLimits = b.modelLimits;
    clock = b.clock;
    seeds = new SplittableRandom(b.seed != null ? b.seed : new SecureRandom().nextLong());
    byte[] secret = b.secret;
    if (secret == null) {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
    }
    signatures = new ThinkingSignatures(secret);
    cache = new PromptCache(clock);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The base URL, {@code http://127.0.0.1:PORT} (no trailing slash). */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<LanguageModel> models() {
    return List.copyOf(models.values());
  }

  /** Everything received so far (the last 10,000 requests), oldest first. */
  public List<Received> received() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  /** How many requests arrived (every path, every outcome). */
  public long requestCount() {
    return requests.get();
  }

  /** Answers the next {@code count} message requests with {@code status} (429, 500, 529…), the official body. */
  public void failNext(int count, int status) {
    synchronized (forced) {
      for (int i = 0; i < count; i++) {
        forced.add(new Forced(status, false));
      }
    }
  }

  /** The next {@code count} streamed answers end with an overloaded {@code error} event after their first delta. */
  public void failNextMidStream(int count) {
    synchronized (forced) {
      for (int i = 0; i < count; i++) {
        forced.add(new Forced(529, true));
      }
    }
  }

  /** Waits this long before answering any request (on top of the stream pacing). */
  public void addLatency(Duration extra) {
    latency = extra;
  }

  /** A valid thinking signature for {@code thinking}, as this server would sign it. */
  public String signatureOf(String thinking) {
    return signatures.sign(thinking);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String requestId = Wire.requestId();
    ex.getResponseHeaders().set("request-id", requestId);
    try (ex) {
      byte[] body = null;
      try {
        body = readBody(ex);
        record(ex, body);
        pause(latency);
        route(ex, body, requestId);
      } catch (ApiError e) {
        if (body == null) {
          record(ex, new byte[0]); // rejected before it was read: journaled without its body
        }
        sendError(ex, e, requestId);
      }
    } catch (IOException e) {
      // The client went away mid-answer: nothing more to send.
    }
  }

  private void route(HttpExchange ex, byte[] body, String requestId) throws IOException, ApiError {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    boolean known = path.equals("/v1/messages") || path.equals("/v1/messages/count_tokens")
        || path.equals("/v1/models") || path.startsWith("/v1/models/");
    if (!known || (path.startsWith("/v1/models") && !modelsEndpoint)) {
      throw new ApiError(404, "not_found_error", "Not Found");
    }
    boolean post = path.startsWith("/v1/messages");
    if (!method.equals(post ? "POST" : "GET")) {
      throw new ApiError(405, "invalid_request_error", "Method Not Allowed");
    }
    authenticate(ex);
    if (ex.getRequestHeaders().getFirst("anthropic-version") == null) {
      throw ApiError.invalidRequest("anthropic-version: header is required");
    }
    switch (path) {
      case "/v1/messages" -> messages(ex, body, requestId);
      case "/v1/messages/count_tokens" -> countTokens(ex, body);
      case "/v1/models" -> sendJson(ex, 200, modelList());
      default -> {
        LanguageModel m = models.get(path.substring("/v1/models/".length()));
        if (m == null) {
          throw new ApiError(404, "not_found_error", "model: " + path.substring("/v1/models/".length()));
        }
        sendJson(ex, 200, modelObject(m));
      }
    }
  }

  private void authenticate(HttpExchange ex) throws ApiError {
    String key = ex.getRequestHeaders().getFirst("x-api-key");
    String auth = ex.getRequestHeaders().getFirst("authorization");
    if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = auth.substring(7).trim();
    }
    if (key == null || key.isEmpty()) {
      throw new ApiError(401, "authentication_error", "x-api-key header is required");
    }
    if (!keys.isEmpty() && !keys.contains(key)) {
      throw new ApiError(401, "authentication_error", "invalid x-api-key");
    }
  }

  private void messages(HttpExchange ex, byte[] body, String requestId) throws IOException, ApiError {
    JsonNode request = RequestCheck.parse(body);
    LanguageModel model = RequestCheck.model(request, models);
    RequestCheck.messages(request, model, true, signatures);
    PromptAccount prompt = PromptAccount.of(request, model);
    if (prompt.total() > model.contextWindow()) {
      throw ApiError.invalidRequest("prompt is too long: " + prompt.total() + " tokens > " + model.contextWindow() + " maximum");
    }
    Forced fault;
    synchronized (forced) {
      fault = forced.poll();
    }
    if (fault != null && !fault.midStream()) {
      throw ApiError.forStatus(fault.status());
    }
    double temperature = request.path("temperature").asDouble(1.0);
    RandomGenerator rng = temperature == 0
        ? new SplittableRandom(WordModel.promptSeed(model.name() + "\u0000" + prompt.conversationText()))
        : nextRandom();
    PromptCache.Use use = prompt.cachePrefix().map(cache::use).orElse(PromptCache.Use.NONE);
    Answer answer = Answer.plan(request, model, prompt, use, signatures, rng);
    rateLimitHeaders(ex, prompt.total() + answer.usage().path("output_tokens").asLong());
    if (request.path("stream").asBoolean(false)) {
      ex.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
      ex.getResponseHeaders().set("cache-control", "no-cache");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      try {
        new AnswerStream(out, pacing, rng, fault != null && fault.midStream() ? 1 : -1).write(answer);
      } catch (AnswerStream.StreamAborted aborted) {
        // The forced error event is out; the stream ends there, as the official API ends it.
      }
      out.close();
    } else {
      sendJson(ex, 200, answer.message());
    }
  }

  private synchronized RandomGenerator nextRandom() {
    return seeds.split();
  }

  private void countTokens(HttpExchange ex, byte[] body) throws IOException, ApiError {
    JsonNode request = RequestCheck.parse(body);
    LanguageModel model = RequestCheck.model(request, models);
    RequestCheck.messages(request, model, false, signatures);
    PromptAccount prompt = PromptAccount.of(request, model);
    if (prompt.total() > model.contextWindow()) {
      throw ApiError.invalidRequest("prompt is too long: " + prompt.total() + " tokens > " + model.contextWindow() + " maximum");
    }
    sendJson(ex, 200, Wire.JSON.createObjectNode().put("input_tokens", prompt.total()));
  }

  private ObjectNode modelList() {
    ObjectNode list = Wire.JSON.createObjectNode();
    ArrayNode data = list.putArray("data");
    models.values().forEach(m -> data.add(modelObject(m)));
    list.put("has_more", false);
    List<LanguageModel> all = List.copyOf(models.values());
    list.put("first_id", all.get(0).name());
    list.put("last_id", all.get(all.size() - 1).name());
    return list;
  }

  private ObjectNode modelObject(LanguageModel m) {
    ObjectNode o = Wire.JSON.createObjectNode().put("type", "model").put("id", m.name())
        .put("display_name", m.displayName()).put("created_at", "2025-01-01T00:00:00Z");
    if (modelLimits) {
      o.put("max_input_tokens", m.contextWindow()).put("max_tokens", m.maxOutputTokens());
    }
    return o;
  }

  private byte[] readBody(HttpExchange ex) throws IOException, ApiError {
    String length = ex.getRequestHeaders().getFirst("content-length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBodyBytes) {
          drain(ex.getRequestBody());
          throw ApiError.forStatus(413);
        }
      } catch (NumberFormatException e) {
        throw ApiError.invalidRequest("invalid content-length");
      }
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    InputStream in = ex.getRequestBody();
    for (int n; (n = in.read(chunk)) >= 0;) {
      buf.write(chunk, 0, n);
      if (buf.size() > maxBodyBytes) {
        drain(in);
        throw ApiError.forStatus(413);
      }
    }
    return buf.toByteArray();
  }

  /** Reads what is left of a rejected body (bounded), so the client sees the 413 rather than a reset. */
  private static void drain(InputStream in) throws IOException {
    byte[] skip = new byte[64 * 1024];
    long left = 256L * 1024 * 1024;
    for (int n; left > 0 && (n = in.read(skip)) >= 0;) {
      left -= n;
    }
  }

  private void record(HttpExchange ex, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    synchronized (journal) {
      if (journal.size() >= MAX_JOURNAL) {
        journal.remove(0);
      }
      journal.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
          Collections.unmodifiableMap(headers), body));
    }
  }

  private void rateLimitHeaders(HttpExchange ex, long tokens) {
    long used = tokensUsed.addAndGet(tokens);
    String reset = RFC3339.format(clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    var h = ex.getResponseHeaders();
    h.set("anthropic-ratelimit-requests-limit", Long.toString(REQUEST_LIMIT));
    h.set("anthropic-ratelimit-requests-remaining", Long.toString(Math.max(0, REQUEST_LIMIT - requests.get() % REQUEST_LIMIT)));
    h.set("anthropic-ratelimit-requests-reset", reset);
    h.set("anthropic-ratelimit-tokens-limit", Long.toString(TOKEN_LIMIT));
    h.set("anthropic-ratelimit-tokens-remaining", Long.toString(Math.max(0, TOKEN_LIMIT - used % TOKEN_LIMIT)));
    h.set("anthropic-ratelimit-tokens-reset", reset);
  }

  private static void sendJson(HttpExchange ex, int status, JsonNode json) throws IOException {
    byte[] bytes = Wire.JSON.writeValueAsBytes(json);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendError(HttpExchange ex, ApiError e, String requestId) {
    try {
      ex.getResponseHeaders().set("x-should-retry", Boolean.toString(e.shouldRetry()));
      if (e.status() == 429) {
        ex.getResponseHeaders().set("retry-after", "7");
      }
      sendJson(ex, e.status(), e.body(requestId));
    } catch (IOException ignored) {
      // The client is gone.
    }
  }

  private static void pause(Duration d) throws IOException {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException();
    }
  }
}
