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
 * child JVM ({@link ReplayBenchmarkServer}); this process is only the load generator
 * ({@link RawSseLoad} for streams: one selector thread, so its own scheduling delay stays out of
 * the figures), and each run prints one line with the server's CPU split by thread group
 * ({@link ThreadCpu}) and the machine's load. Run with {@code ./mvnw -B -pl recordings -am -Pbench -DskipTests verify}
 * (arguments: {@code -Dbench.args="streams=200,1000 gcs=G1,Z seconds=10 clients=16 journals=2000,0"});
 * every argument and results in docs/benchmarks-replay.md.
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

    boolean rawClient = !opts.getOrDefault("client", "raw").equals("jdk");
    int warmUp = Integer.parseInt(opts.getOrDefault("warmup", "5"));
    serverThreads = Integer.parseInt(opts.getOrDefault("threads", "200"));
    String[] gcs = opts.getOrDefault("gcs", "G1,Z").split(",");
    for (int n : streamCounts) {
      for (String gc : gcs) {
        serverGc = gc;
        streams(n, rawClient, warmUp);
      }
    }
    for (String journal : opts.getOrDefault("journals", "2000,0").split(",")) {
      if (journal.isBlank() || journal.equals("none")) continue;
      int entries = Integer.parseInt(journal);
      for (String gc : gcs) {
        serverGc = gc;
        requestsPerSecond(clients, seconds, entries, entries == 0 ? "journal off" : "journal of " + entries + " entries");
      }
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

  /** The server's Jetty pool size (threads=N). */
  private static int serverThreads = 200;
  /**
   * The server JVM's garbage collector (gcs=G1,Z: -XX:+UseG1GC, -XX:+UseZGC). Every pause stops
   * every stream; on 2 contended cores G1's young pauses ran 15 to 450 ms, ZGC's stay under 1 ms.
   */
  private static String serverGc = "G1";

  static void streams(int n, boolean rawClient, int warmUpRounds) throws Exception {
    try (ServerProcess server = ServerProcess.start("streams", ReplayOptions.DEFAULT_JOURNAL_ENTRIES, serverThreads)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      String body = Fixtures.requestBody("[[relay-tck:bench-stream:s]]", true).toString();
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages")).timeout(Duration.ofSeconds(60))
          .header("x-api-key", "k").header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      URI base = URI.create(server.baseUrl());
      RawSseLoad raw = new RawSseLoad(new java.net.InetSocketAddress(base.getHost(), base.getPort()),
          RawSseLoad.post(base.getHost(), base.getPort(), "/v1/messages", "k", body));
      // Warm-up, not measured: the JIT compiles the request and stream paths during the first
      // round (about a CPU-second at 1,000 streams, on the same 2 cores as the clock).
      for (int round = 0; round < warmUpRounds; round++) {
        raw.run(n, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(60));
      }

      long threadsBefore = server.threads();
      double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      long cpuBefore = server.cpuNanos();
      long clientCpuBefore = processCpuNanos();
      Map<String, Long> splitBefore = ThreadCpu.of(server.pid());
      long started = System.nanoTime();
      PeakThreads peak = new PeakThreads(server);
      long[][] arrivals;
      try {
        // Opened 1 ms apart: the benchmark is about open streams, not a connection storm that
        // overflows the listen backlog; a stream that fails counts as incomplete.
        arrivals = rawClient ? raw.run(n, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(60)) : jdkClient(http, request, n);
      } finally {
        peak.close();
      }
      long wallMs = (System.nanoTime() - started) / 1_000_000;
      double cpuSeconds = (server.cpuNanos() - cpuBefore) / 1e9;
      double clientCpuSeconds = (processCpuNanos() - clientCpuBefore) / 1e9;
      String split = ThreadCpu.difference(splitBefore, ThreadCpu.of(server.pid()));
      Thread.sleep(500); // the server notes a stream's end just after its last bytes left
      List<Double> logged = server.lateness(http);
      // The stream log keeps the last entries: the measured run's are the newest n.
      List<Double> serverLate = logged.subList(Math.max(0, logged.size() - n), logged.size());
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      List<Double> gapError = new ArrayList<>();
      List<Double> drift = new ArrayList<>();
      int complete = 0;
      for (long[] at : arrivals) {
        if (at.length == 20) {
          complete++;
        }
        for (int i = 1; i < at.length; i++) {
          gapError.add(Math.abs((at[i] - at[i - 1]) / 1e6 - 100.0));
          drift.add(Math.abs((at[i] - at[0]) / 1e6 - i * 100.0));
        }
      }
      System.out.printf(Locale.ROOT,
          "streams=%d client=%s warm-up=%d threads=%d gc=%s complete=%d wall=%d ms | inter-event error ms p50=%.2f p99=%.2f max=%.2f | drift from first event ms p99=%.2f max=%.2f | server-side lateness per stream (max) ms p50=%.2f p99=%.2f | server threads %d -> peak %d | server CPU %.2f s (%.2f ms per stream; by thread: %s) | load generator CPU %.2f s | load %.1f -> %.1f%n",
          n, rawClient ? "raw" : "jdk", warmUpRounds, serverThreads, serverGc, complete, wallMs, pct(gapError, 50), pct(gapError, 99), pct(gapError, 100), pct(drift, 99), pct(drift, 100),
          pct(serverLate, 50), pct(serverLate, 99), threadsBefore, peak.peak, cpuSeconds, cpuSeconds * 1000 / n, split,
          clientCpuSeconds, loadBefore, load);
    }
  }


  /** The JDK HttpClient as load generator (client=jdk), for comparison with the raw one. */
  private static long[][] jdkClient(HttpClient http, HttpRequest request, int n) throws Exception {
    List<CompletableFuture<long[]>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(http.sendAsync(request, r -> new EventClock()).thenApply(HttpResponse::body)
          .exceptionally(e -> new long[0]));
      Thread.sleep(1);
    }
    long[][] arrivals = new long[n][];
    for (int i = 0; i < n; i++) {
      arrivals[i] = all.get(i).get(60, TimeUnit.SECONDS);
    }
    return arrivals;
  }

  /** Samples the server's thread count every 50 ms on a thread of its own while a run lasts. */
  private static final class PeakThreads implements AutoCloseable {
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean stop;

    PeakThreads(ServerProcess server) {
      sampler = new Thread(() -> {
        while (!stop) {
          peak = Math.max(peak, server.threads());
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "peak-threads");
      sampler.setDaemon(true);
      sampler.start();
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      sampler.join(1000);
    }
  }

  static void requestsPerSecond(int clients, int seconds, int journal, String label) throws Exception {
    try (ServerProcess server = ServerProcess.start("json", journal, serverThreads)) {
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
          "non-streaming, %s, gc=%s: clients=%d %ds -> %d ok, %d failed, %.0f requests/s, server CPU %.1f s, load generator CPU %.1f s of %d s x %d cores (%.0f requests per server CPU-second) | load %.1f%n",
          label, serverGc, clients, seconds, result[0].get(), result[1].get(), rps, cpuSeconds, clientCpuSeconds, seconds,
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
      List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx512m", "-XX:+Use" + serverGc + "GC"));
      String extra = System.getProperty("bench.serverJvm", "").trim();
      if (!extra.isEmpty()) command.addAll(List.of(extra.split("\\s+")));
      String jfr = System.getProperty("bench.jfr");
      if (jfr != null) {
        command.add("-XX:StartFlightRecording=settings=" + System.getProperty("bench.jfc", "profile") + ",filename=" + jfr + "/" + mode + "-" + System.nanoTime() + ".jfr");
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          ReplayBenchmarkServer.class.getName(), mode, String.valueOf(journal), String.valueOf(threads)));
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("listening on ")) {
        // skip the server's banner
      }
      if (line == null) {
        p.destroyForcibly();
        throw new IllegalStateException("the benchmark server did not start");
      }
      // Whatever the server prints later (JVM diagnostics asked for with -Dbench.serverJvm) is
      // drained, or a full pipe would stop the server mid-run.
      Thread drain = new Thread(() -> {
        try {
          out.transferTo(java.io.Writer.nullWriter());
        } catch (java.io.IOException ended) {
          // the server exited
        }
      }, "server-stdout");
      drain.setDaemon(true);
      drain.start();
      return new ServerProcess(p, line.substring("listening on ".length()).trim());
    }

    String baseUrl() {
      return url;
    }

    long pid() {
      return process.pid();
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
