package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the replay server (not a test): concurrent paced SSE streams with their
 * inter-event timing error, and non-streaming requests per second. The server runs in a
 * child JVM ({@link ReplayBenchmarkServer}); this process is only the load generator, so the
 * two are measured apart (same 2 cores). Run with {@code ./mvnw -B -pl recordings -am -Pbench -DskipTests verify}
 * (arguments: {@code -Dbench.args="streams=200,1000 seconds=10 clients=16 journals=2000,0"}); results in docs/benchmarks-replay.md.
 */
public final class ReplayBenchmark {
  private static final String MODEL = "claude-bench";

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new java.util.HashMap<>();
    for (String a : args) {
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    int[] streamCounts = Arrays.stream(opts.getOrDefault("streams", "200,1000").split(",")).mapToInt(Integer::parseInt).toArray();
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
    int clients = Integer.parseInt(opts.getOrDefault("clients", "16"));
    System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MB, system load average %.1f at start%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    for (int n : streamCounts) {
      streams(n);
    }
    for (String journal : opts.getOrDefault("journals", "2000,0").split(",")) {
      int entries = Integer.parseInt(journal);
      requestsPerSecond(clients, seconds, entries, entries == 0 ? "journal off" : "journal of " + entries + " entries");
    }
  }

  /** A 20-event stream, one event every 100 ms (2 s): the recorded pacing of a long answer. */
  static Recording paced() {
    List<RecordedEvent> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String data = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"token " + i + "\"}}";
      events.add(new RecordedEvent(i * 100L, ("event: content_block_delta\ndata: " + data + "\n\n").getBytes()));
    }
    return new Recording("bench-stream", "bench", List.of("stream"), MODEL, null,
        new RecordedRequest("POST", "/v1/messages", null, Map.of(), null),
        new RecordedResponse(200, Map.of("content-type", List.of("text/event-stream; charset=utf-8")), null, events), null);
  }

  static Recording json() {
    byte[] body = Fixtures.resource("generate-text-with-a-prompt-1.json");
    return new Recording("bench-json", "bench", List.of("text"), MODEL, null,
        new RecordedRequest("POST", "/v1/messages", null, Map.of(), null),
        new RecordedResponse(200, Map.of("content-type", List.of("application/json")), body, null), null);
  }

  static void streams(int n) throws Exception {
    try (ServerProcess server = ServerProcess.start("streams", ReplayOptions.DEFAULT_JOURNAL_ENTRIES, 200)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      String body = Fixtures.requestBody("[[relay-tck:bench-stream:s]]", true).toString();
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages")).timeout(Duration.ofSeconds(60))
          .header("x-api-key", "k").header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      // Warm-up: a few streams so JIT and connection set-up are not measured.
      CompletableFuture.allOf(java.util.stream.IntStream.range(0, 8)
          .mapToObj(i -> http.sendAsync(request, r -> new EventClock()).thenApply(HttpResponse::body))
          .toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      long threadsBefore = server.threads();
      long cpuBefore = server.cpuNanos();
      long started = System.nanoTime();
      List<CompletableFuture<long[]>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // Opened 1 ms apart: the benchmark is about open streams, not a connection storm that
        // overflows the listen backlog; a stream that fails counts as incomplete.
        all.add(http.sendAsync(request, r -> new EventClock()).thenApply(HttpResponse::body)
            .exceptionally(e -> new long[0]));
        Thread.sleep(1);
      }
      long peakThreads = 0;
      while (!CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).isDone()) {
        peakThreads = Math.max(peakThreads, server.threads());
        Thread.sleep(50);
      }
      long wallMs = (System.nanoTime() - started) / 1_000_000;
      double cpuSeconds = (server.cpuNanos() - cpuBefore) / 1e9;
      Thread.sleep(500); // the server notes a stream's end just after its last bytes left
      List<Double> serverLate = server.lateness(http).stream().skip(8).toList();
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      List<Double> gapError = new ArrayList<>();
      List<Double> drift = new ArrayList<>();
      int complete = 0;
      for (CompletableFuture<long[]> f : all) {
        long[] at = f.get();
        if (at.length == 20) {
          complete++;
        }
        for (int i = 1; i < at.length; i++) {
          gapError.add(Math.abs((at[i] - at[i - 1]) / 1e6 - 100.0));
          drift.add(Math.abs((at[i] - at[0]) / 1e6 - i * 100.0));
        }
      }
      System.out.printf(Locale.ROOT,
          "streams=%d complete=%d wall=%d ms | inter-event error ms p50=%.2f p99=%.2f max=%.2f | drift from first event ms p99=%.2f max=%.2f | server-side lateness per stream (max) ms p50=%.2f p99=%.2f | server threads %d -> peak %d | server CPU %.1f s | load %.1f%n",
          n, complete, wallMs, pct(gapError, 50), pct(gapError, 99), pct(gapError, 100), pct(drift, 99), pct(drift, 100),
          pct(serverLate, 50), pct(serverLate, 99), threadsBefore, peakThreads, cpuSeconds, load);
    }
  }

  static void requestsPerSecond(int clients, int seconds, int journal, String label) throws Exception {
    try (ServerProcess server = ServerProcess.start("json", journal, 200)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      String body = Fixtures.requestBody("[[relay-tck:bench-json:j]]", false).toString();
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages")).timeout(Duration.ofSeconds(30))
          .header("x-api-key", "k").header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      run(http, request, clients, 3); // warm-up
      long cpuBefore = server.cpuNanos();
      long clientCpuBefore = processCpuNanos();
      AtomicLong[] result = run(http, request, clients, seconds);
      double cpuSeconds = (server.cpuNanos() - cpuBefore) / 1e9;
      double clientCpuSeconds = (processCpuNanos() - clientCpuBefore) / 1e9;
      double rps = result[0].get() / (double) seconds;
      // On a shared machine the process gets what the others leave: requests per server
      // CPU-second is the number that does not depend on them.
      System.out.printf(Locale.ROOT,
          "non-streaming, %s: clients=%d %ds -> %d ok, %d failed, %.0f requests/s, server CPU %.1f s, load generator CPU %.1f s of %d s x %d cores (%.0f requests per server CPU-second) | load %.1f%n",
          label, clients, seconds, result[0].get(), result[1].get(), rps, cpuSeconds, clientCpuSeconds, seconds,
          Runtime.getRuntime().availableProcessors(), result[0].get() / cpuSeconds,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static AtomicLong[] run(HttpClient http, HttpRequest request, int clients, int seconds) throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.execute(() -> {
        while (System.nanoTime() < end) {
          try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            (r.statusCode() == 200 ? ok : failed).incrementAndGet();
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
    return new AtomicLong[] {ok, failed};
  }

  /** The replay server in a child JVM on the same classpath; its CPU time and threads read from /proc. */
  static final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String url;

    private ServerProcess(Process process, String url) {
      this.process = process;
      this.url = url;
    }

    static ServerProcess start(String mode, int journal, int threads) throws Exception {
      String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
          ReplayBenchmarkServer.class.getName(), mode, String.valueOf(journal), String.valueOf(threads))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("listening on ")) {
        // skip the server's banner
      }
      if (line == null) {
        p.destroyForcibly();
        throw new IllegalStateException("the benchmark server did not start");
      }
      return new ServerProcess(p, line.substring("listening on ".length()).trim());
    }

    String baseUrl() {
      return url;
    }

    long cpuNanos() {
      return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    long threads() {
      try {
        return java.nio.file.Files.list(java.nio.file.Path.of("/proc", String.valueOf(process.pid()), "task")).count();
      } catch (java.io.IOException e) {
        return -1;
      }
    }

    /** The server's own lateness per stream (its stream log's maxLateMs), oldest first. */
    List<Double> lateness(HttpClient http) throws Exception {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/__admin/relay-tck/streams")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      List<Double> out = new ArrayList<>();
      for (var e : new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())) out.add(e.path("maxLateMs").asDouble());
      return out;
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double pct(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Notes when each SSE event (a blank line) arrives, without a thread per stream. */
  static final class EventClock implements HttpResponse.BodySubscriber<long[]> {
    private final CompletableFuture<long[]> done = new CompletableFuture<>();
    private final List<Long> times = new ArrayList<>();
    private byte previous;

    @Override
    public java.util.concurrent.CompletionStage<long[]> getBody() {
      return done;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      long now = System.nanoTime();
      for (ByteBuffer b : item) {
        while (b.hasRemaining()) {
          byte c = b.get();
          if (c == '\n' && previous == '\n') {
            times.add(now);
          }
          previous = c;
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      done.complete(times.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public void onComplete() {
      done.complete(times.stream().mapToLong(Long::longValue).toArray());
    }
  }
}
