package dev.relaytck.target;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kit's raw HTTP client for the relay: JDK HttpClient, the HTTP version, trust and proxy of
 * the run's {@link Transport} (never the JVM's defaults), the target's base URL given explicitly,
 * no redirects and no retries (retries hide relay errors). Bodies are read as they arrive, each
 * network chunk stamped with its arrival time; every wait is bounded by {@link Timeouts} and the
 * run's {@link RunBudget}, every body by the transport's limit.
 */
public final class TargetClient {
  private static final String REDACTED = "***";

  private final TargetConfig config;
  private final HttpClient http;
  private final Transport transport;
  private final RunBudget budget;
  /** How many responses arrived over each HTTP version: what was negotiated, for the report. */
  private final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.atomic.LongAdder> versions =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A client with the default transport (HTTP/1.1 over cleartext, no proxy, the JDK's trust) and no run bound. */
  public TargetClient(TargetConfig config) {
    this(config, Transport.DEFAULT, RunBudget.unlimited());
  }

  public TargetClient(TargetConfig config, Transport transport, RunBudget budget) {
    this.config = config;
    this.transport = transport;
    this.budget = budget;
    this.http = transport.client(config.baseUrl())
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.timeouts().connect())
        .build();
  }

  public Transport transport() {
    return transport;
  }

  public RunBudget budget() {
    return budget;
  }

  /** Responses received so far by HTTP version ({@code HTTP/1.1}, {@code HTTP/2}). */
  public Map<String, Long> httpVersions() {
    Map<String, Long> out = new java.util.TreeMap<>();
    versions.forEach((v, n) -> out.put(v, n.sum()));
    return out;
  }

  public TargetConfig config() {
    return config;
  }

  /** Sends {@code request} and reads the whole response within the configured timeouts. */
  public Exchange send(String label, ExchangeRequest request) {
    return send(label, request, Long.MAX_VALUE);
  }

  /**
   * Sends {@code request} and reads the response; closes the connection on purpose after
   * {@code closeAfterBytes} body bytes (client-disconnect probes).
   *
   * @throws TargetUnreachableException when no connection to the target could be made
   * @throws RunStoppedException when the run has stopped sending (its time is up, or the relay stopped answering)
   */
  public Exchange send(String label, ExchangeRequest request, long closeAfterBytes) {
    budget.admit();
    Exchange e = exchange(label, request, closeAfterBytes, null);
    budget.record(e.ending(), e.summary());
    return e;
  }

  /**
   * Sends {@code request} and closes the connection on purpose as soon as {@code closeWhen},
   * given each body chunk as it arrives, says so (a client cancelling a stream at a point of its
   * content, wherever the relay's chunk boundaries fall).
   */
  public Exchange send(String label, ExchangeRequest request, java.util.function.Predicate<byte[]> closeWhen) {
    budget.admit();
    Exchange e = exchange(label, request, Long.MAX_VALUE, closeWhen);
    budget.record(e.ending(), e.summary());
    return e;
  }

  private Exchange exchange(String label, ExchangeRequest request, long closeAfterBytes, java.util.function.Predicate<byte[]> closeWhen) {
    URI uri = resolve(request.pathAndQuery());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .method(request.method(), request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    Map<String, String> sent = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : config.headers().entrySet()) {
      b.setHeader(h.getKey(), h.getValue());
      sent.put(h.getKey(), h.getValue());
    }
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.setHeader(h.getKey(), h.getValue());
      sent.put(h.getKey(), h.getValue());
    }
    // Live, the JDK's own user-agent would mark every request as the kit's (docs/live.md).
    if (!config.hermetic() && sent.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("user-agent"))) {
      b.setHeader("user-agent", NeutralClient.USER_AGENT);
      sent.put("user-agent", NeutralClient.USER_AGENT);
    }
    Credential credential = request.credential().resolve(config);
    switch (credential.style()) {
      case API_KEY -> {
        b.setHeader("x-api-key", credential.secret().reveal());
        sent.put("x-api-key", REDACTED);
      }
      case BEARER -> {
        b.setHeader("authorization", "Bearer " + credential.secret().reveal());
        sent.put("authorization", "Bearer " + REDACTED);
      }
      case NONE -> { }
    }

    Timeouts t = config.timeouts();
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    ChunkSubscriber subscriber = new ChunkSubscriber(queue);
    CompletableFuture<HttpResponse.ResponseInfo> headers = new CompletableFuture<>();
    long sentNanos = System.nanoTime();
    // The run's deadline caps every exchange: a drip-feeding relay cannot stretch the run past it.
    long deadline = Math.min(sentNanos + t.total().toNanos(), budget.deadlineNanos());
    long maxBody = transport.maxBodyBytes(request.body() == null ? 0 : request.body().length);
    CompletableFuture<HttpResponse<Void>> call = http.sendAsync(b.build(), info -> {
      headers.complete(info);
      return HttpResponse.BodySubscribers.fromSubscriber(subscriber);
    });
    call.whenComplete((r, e) -> {
      if (e != null) {
        headers.completeExceptionally(e);
        queue.add(new Failure(e));
      }
    });

    HttpResponse.ResponseInfo info;
    try {
      long wait = Math.min(t.headers().toNanos(), deadline - System.nanoTime());
      info = headers.get(Math.max(wait, 1), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return new Exchange(label, request.method(), uri, sent, request.body(), -1, Map.of(), List.of(), sentNanos, -1,
          System.nanoTime(), Ending.HEADERS_TIMEOUT, "no response headers within " + millis(t.headers()));
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + uri, e);
    } catch (ExecutionException e) {
      Throwable cause = root(e);
      if (unreachable(e)) {
        throw new TargetUnreachableException("cannot connect to " + config.baseUrl() + ": " + describe(cause), cause);
      }
      return new Exchange(label, request.method(), uri, sent, request.body(), -1, Map.of(), List.of(), sentNanos, -1,
          System.nanoTime(), Ending.BROKEN, "connection closed before response headers: " + describe(cause));
    }
    long headersNanos = System.nanoTime();
    versions.computeIfAbsent(info.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1",
        v -> new java.util.concurrent.atomic.LongAdder()).increment();

    List<Chunk> chunks = new ArrayList<>();  // reassigned to its first bytes when the body goes over the limit
    long received = 0;
    Ending ending;
    String detail = null;
    while (true) {
      long now = System.nanoTime();
      long remaining = deadline - now;
      if (remaining <= 0) {
        ending = Ending.TOTAL_TIMEOUT;
        detail = stillOpen(deadline, sentNanos, t);
        break;
      }
      Object item;
      try {
        item = queue.poll(Math.min(t.idle().toNanos(), remaining), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        subscriber.cancel();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading " + uri, e);
      }
      if (item == null) {
        if (System.nanoTime() >= deadline) {
          ending = Ending.TOTAL_TIMEOUT;
          detail = stillOpen(deadline, sentNanos, t);
        } else {
          ending = Ending.IDLE_TIMEOUT;
          detail = "no byte for " + millis(t.idle()) + " after " + received + " body bytes";
        }
        break;
      }
      if (item instanceof Chunk c) {
        chunks.add(c);
        received += c.bytes().length;
        if (received > maxBody) {
          ending = Ending.BODY_LIMIT;
          detail = "the body exceeded the kit's limit of " + maxBody + " bytes (--max-body-bytes); the kit stopped reading after "
              + received + " bytes";
          chunks = evidence(chunks);
          break;
        }
        if (received >= closeAfterBytes || (closeWhen != null && closeWhen.test(c.bytes()))) {
          ending = Ending.CLIENT_CLOSED;
          detail = "closed by the kit after " + received + " bytes";
          break;
        }
      } else if (item instanceof Failure f) {
        ending = Ending.BROKEN;
        detail = "connection broke after " + received + " body bytes: " + describe(root(f.error()));
        break;
      } else {
        ending = Ending.COMPLETE;
        break;
      }
    }
    if (ending != Ending.COMPLETE) {
      subscriber.cancel();
      call.cancel(true);
    }
    Exchange e = new Exchange(label, request.method(), uri, sent, request.body(), info.statusCode(), info.headers().map(),
        chunks, sentNanos, headersNanos, System.nanoTime(), ending, detail);
    if (ending != Ending.BODY_LIMIT && e.gzipped()) {
      long decoded = GzipSize.atMost(chunks, maxBody + 1);
      if (decoded > maxBody) {
        return new Exchange(label, request.method(), uri, sent, request.body(), info.statusCode(), info.headers().map(),
            evidence(chunks), sentNanos, headersNanos, e.endNanos(), Ending.BODY_LIMIT, "the " + received
                + "-byte gzip body decodes to more than the kit's limit of " + maxBody + " bytes (--max-body-bytes): a gzip bomb");
      }
    }
    return e;
  }

  /**
   * The first {@value #EVIDENCE_BYTES} bytes of a body that went over the limit: enough to show
   * what it was, while the rest is released at once (the body is not judged, only reported).
   */
  private static List<Chunk> evidence(List<Chunk> chunks) {
    List<Chunk> kept = new ArrayList<>();
    long n = 0;
    for (Chunk c : chunks) {
      if (n >= EVIDENCE_BYTES) break;
      int take = (int) Math.min(c.bytes().length, EVIDENCE_BYTES - n);
      kept.add(take == c.bytes().length ? c : new Chunk(java.util.Arrays.copyOf(c.bytes(), take), c.arrivalNanos()));
      n += take;
    }
    return kept;
  }

  static final int EVIDENCE_BYTES = 64 * 1024;

  private static String stillOpen(long deadline, long sentNanos, Timeouts t) {
    return deadline < sentNanos + t.total().toNanos()
        ? "exchange still open when the run's time limit (" + RunBudget.MAX_RUN_SECONDS + ") ran out"
        : "exchange still open after " + millis(t.total());
  }

  URI resolve(String pathAndQuery) {
    String base = config.baseUrl().toString();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    return URI.create(base + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery));
  }

  /** Whether anything in the cause chain says no connection could be made. */
  private static boolean unreachable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException
          || c instanceof UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable root(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof java.util.concurrent.CompletionException
        || (c instanceof IOException && c.getCause() instanceof IOException)) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  private record Failure(Throwable error) {}

  private enum End { END }

  /** Copies each delivered buffer with its arrival time; no whole-body helper. */
  private static final class ChunkSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
    private final BlockingQueue<Object> queue;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    ChunkSubscriber(BlockingQueue<Object> queue) {
      this.queue = queue;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) s.cancel();
      else s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      long now = System.nanoTime();
      int n = 0;
      for (ByteBuffer bb : buffers) n += bb.remaining();
      if (n == 0) return;
      byte[] bytes = new byte[n];
      int at = 0;
      for (ByteBuffer bb : buffers) {
        int len = bb.remaining();
        bb.get(bytes, at, len);
        at += len;
      }
      queue.add(new Chunk(bytes, now));
    }

    @Override
    public void onError(Throwable t) {
      queue.add(new Failure(t));
    }

    @Override
    public void onComplete() {
      queue.add(End.END);
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) s.cancel();
    }
  }

  @Override
  public String toString() {
    return "TargetClient[" + config.baseUrl() + ", " + config.authStyle().name().toLowerCase(Locale.ROOT) + "]";
  }
}
