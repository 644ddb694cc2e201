package dev.relaytck.timing;

import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.TargetClient;
import dev.relaytck.target.TargetConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The timing measurements of one run, made once and shared by the PERF checks: paired samples
 * (each timing scenario sent directly to the upstream and through the relay, one right after
 * the other, the order alternating), and a burst of concurrent streams. "Directly" is the
 * replay upstream in hermetic mode and {@code --baseline URL} live; without either, only the
 * relay side is measured.
 */
public final class TimingSession {
  /** Pairs per timing scenario. */
  public static final int ROUNDS = 6;
  /** Timing scenarios at most: the streaming scenarios with the most events. */
  public static final int SCENARIOS = 2;
  /** Default {@code --concurrency}. */
  public static final int DEFAULT_CONCURRENCY = 8;

  private static final Map<RunContext, TimingSession> SESSIONS = Collections.synchronizedMap(new WeakHashMap<>());

  private final RunContext run;
  private final TargetClient direct;
  private final String directLabel;
  private final LatencyFigures figures = new LatencyFigures();
  private final List<Sample> samples = new ArrayList<>();
  private final List<Exchange> sequential = Collections.synchronizedList(new ArrayList<>());
  private boolean sampled;
  private Concurrency concurrency;
  private final Map<String, Object> notes = new java.util.concurrent.ConcurrentHashMap<>();

  /** One pair: the same scenario directly and through the relay. */
  public record Sample(Scenario scenario, Exchange relay, Optional<StreamTimeline> relayTimeline, Exchange direct,
      Optional<StreamTimeline> directTimeline) {}

  /**
   * The concurrent burst: {@code relay} streams through the relay at once, and as many directly
   * when there is a direct path (to tell the relay's degradation from the upstream's).
   */
  public record Concurrency(Scenario scenario, int n, List<Exchange> relay, List<Exchange> direct) {}

  private TimingSession(RunContext run) {
    this.run = run;
    TargetConfig c = run.config();
    URI base = c.hermetic() ? c.replayUrl() : run.setting(EvidenceSettings.BASELINE).map(URI::create).orElse(null);
    this.directLabel = c.hermetic() ? "the replay upstream" : base == null ? null : "the baseline " + base;
    this.direct = base == null ? null : new TargetClient(new TargetConfig(base, c.authStyle(), c.secret(), c.replayUrl(),
        c.model(), c.modelMap(), c.headers(), c.capabilities(), c.absent(), c.profiles(), c.timeouts(), c.timeScale()));
  }

  public static TimingSession of(RunContext run) {
    return SESSIONS.computeIfAbsent(run, TimingSession::new);
  }

  /** The streaming, fault-free, successful scenarios the timing checks sample, most events first. */
  public List<Scenario> timingScenarios() {
    return run.scenarios().all().stream()
        .filter(s -> s.streaming() && s.messages() && s.fault() == null && !s.injected() && s.recordedStatus() == 200
            && !s.has(ScenarioRequests.CLAUDE_CODE) && s.recording().response().events() != null)
        .sorted(Comparator.comparingInt((Scenario s) -> -s.recording().response().events().size()).thenComparing(Scenario::id))
        .limit(SCENARIOS).toList();
  }

  /** Who the direct side of a pair is, or empty when there is none (live without --baseline). */
  public Optional<String> directPath() {
    return Optional.ofNullable(directLabel);
  }

  /** The paired samples, measured on first use. */
  public synchronized List<Sample> samples() {
    if (!sampled) {
      sampled = true;
      for (int round = 0; round < ROUNDS; round++) {
        for (Scenario s : timingScenarios()) {
          boolean directFirst = round % 2 == 0;
          Exchange d = null;
          if (direct != null && directFirst) d = send(direct, s, "direct");
          Exchange r = send(run.client(), s, "relay");
          sequential.add(r);
          if (direct != null && !directFirst) d = send(direct, s, "direct");
          Optional<StreamTimeline> rt = StreamTimeline.of(r);
          rt.ifPresent(t -> figures.add(s.id(), s.id() + " #" + (samples.size() + 1), t));
          samples.add(new Sample(s, r, rt, d, d == null ? Optional.empty() : StreamTimeline.of(d)));
        }
      }
    }
    return List.copyOf(samples);
  }

  /** {@code n} streams of the first timing scenario at once through the relay (and directly), once per run. */
  public synchronized Optional<Concurrency> concurrency(int n) {
    if (concurrency == null) {
      List<Scenario> scenarios = timingScenarios();
      if (scenarios.isEmpty()) return Optional.empty();
      Scenario s = scenarios.get(0);
      List<Exchange> viaRelay = burst(run.client(), s, n, "relay");
      List<Exchange> viaDirect = direct == null ? List.of() : burst(direct, s, n, "direct");
      concurrency = new Concurrency(s, n, viaRelay, viaDirect);
    }
    return Optional.of(concurrency);
  }

  /** Sequential requests through the relay that were not meant to fail, at least {@code min} when hermetic. */
  public synchronized List<Exchange> sequential(int min) {
    samples();
    if (run.config().hermetic()) {
      Optional<Scenario> primary = run.primary();
      while (primary.isPresent() && sequential.size() < min) sequential.add(send(run.client(), primary.get(), "relay"));
    }
    return List.copyOf(sequential);
  }

  /** Adds {@code value} under {@code key} to {@code metrics.latency}. */
  public void note(String key, Object value) {
    notes.put(key, value);
  }

  /**
   * {@code metrics.latency}: the definition of the figures, the percentiles per scenario, the
   * arrival times of some streams and every TTFT (for the report's charts), and what each
   * PERF check noted (overhead, pacing, concurrency, errors).
   */
  public Map<String, Object> latencyMetrics() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("definition", "ms from the request handed to the client to: response headers, first event, first content_block_delta"
        + " (TTFT), each next event (gap), end of body; tokens/s = output tokens / (last event - TTFT)");
    m.put("direct", directLabel);
    m.put("byScenario", figures.summary());
    m.put("ttftMs", figures.ttftValues().stream().map(LatencyFigures::round).toList());
    m.put("arrivals", figures.arrivals());
    m.putAll(new java.util.TreeMap<>(notes));
    return m;
  }

  public LatencyFigures figures() {
    samples();
    return figures;
  }

  /**
   * The upstream's schedule for {@code s}: each recorded event's offset times the replay's time
   * scale (hermetic with relay-tck's replay upstream only).
   */
  public Optional<List<Double>> schedule(Scenario s) {
    var scale = run.replayTimeScale();
    if (scale.isEmpty() || s.recording().response().events() == null) return Optional.empty();
    List<Double> out = new ArrayList<>();
    for (RecordedEvent e : s.recording().response().events()) out.add(e.offsetMs() * scale.getAsDouble());
    return Optional.of(out);
  }

  private List<Exchange> burst(TargetClient client, Scenario s, int n, String side) {
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "relay-tck-concurrency");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Exchange>> futures = new ArrayList<>();
      java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(n);
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          ready.await(10, TimeUnit.SECONDS);
          return send(client, s, side + "-concurrent");
        }));
      }
      List<Exchange> out = new ArrayList<>();
      long deadline = System.nanoTime() + run.config().timeouts().total().toNanos() + TimeUnit.SECONDS.toNanos(10);
      for (Future<Exchange> f : futures) {
        try {
          out.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) throw re;
          throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
          f.cancel(true);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted during the concurrency burst", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Exchange send(TargetClient client, Scenario s, String side) {
    return client.send(s.id() + "#timing-" + side, ScenarioRequests.build(s, run.config(), s.freshMarker()));
  }
}
