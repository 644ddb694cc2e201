package dev.relaytck.relay;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A fake upstream, a test relay with some behaviours in front of it, and a run of the implemented checks against it. */
public final class Harness implements AutoCloseable {
  public final FakeUpstream upstream;
  public final TestRelay relay;
  public final RunContext run;

  public Harness(Set<Behaviour> behaviours, boolean hermetic, Map<String, String> extra) throws IOException {
    this(TestRecordings.all(), behaviours, hermetic, extra);
  }

  public Harness(List<Recording> recordings, Set<Behaviour> behaviours, boolean hermetic, Map<String, String> extra) throws IOException {
    this(recordings, new FakeUpstream(recordings, 0.01), behaviours, hermetic, extra);
  }

  /** The relay in front of the real replay upstream (the recordings module's ReplayServer). */
  public static Harness onReplay(List<Recording> recordings, Set<Behaviour> behaviours) throws IOException {
    return onReplay(recordings, behaviours, 0);
  }

  /** The relay in front of the real replay upstream pacing recorded events at {@code timeScale}. */
  public static Harness onReplay(List<Recording> recordings, Set<Behaviour> behaviours, double timeScale) throws IOException {
    dev.relaytck.recordings.replay.ReplayServer replay = dev.relaytck.recordings.replay.ReplayServer.start(
        dev.relaytck.recordings.replay.ReplayOptions.of(recordings).withTimeScale(timeScale));
    Harness h = new Harness(recordings, null, behaviours, true, Map.of(), java.net.URI.create(replay.baseUrl()));
    h.replay = replay;
    return h;
  }

  /** Like {@link #onReplay}, with the scenarios a suite run has: the recordings' and the injected fault variants. */
  public static Harness onReplayWithFaultVariants(List<Recording> recordings, Set<Behaviour> behaviours) throws IOException {
    dev.relaytck.recordings.replay.ReplayServer replay = dev.relaytck.recordings.replay.ReplayServer.start(
        dev.relaytck.recordings.replay.ReplayOptions.of(recordings).withTimeScale(0));
    Harness h = new Harness(recordings, null, behaviours, true, Map.of(), java.net.URI.create(replay.baseUrl()),
        ScenarioCatalog.forRun(recordings));
    h.replay = replay;
    return h;
  }

  private dev.relaytck.recordings.replay.ReplayServer replay;

  private Harness(List<Recording> recordings, FakeUpstream upstream, Set<Behaviour> behaviours, boolean hermetic,
      Map<String, String> extra) throws IOException {
    this(recordings, upstream, behaviours, hermetic, extra, upstream.url());
  }

  private Harness(List<Recording> recordings, FakeUpstream upstream, Set<Behaviour> behaviours, boolean hermetic,
      Map<String, String> extra, java.net.URI upstreamUrl) throws IOException {
    this(recordings, upstream, behaviours, hermetic, extra, upstreamUrl, ScenarioCatalog.of(recordings));
  }

  private Harness(List<Recording> recordings, FakeUpstream upstream, Set<Behaviour> behaviours, boolean hermetic,
      Map<String, String> extra, java.net.URI upstreamUrl, ScenarioCatalog scenarios) throws IOException {
    this.upstream = upstream;
    relay = new TestRelay(upstreamUrl, behaviours);
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, relay.url().toString());
    p.put(TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
    if (hermetic) p.put(TargetConfig.REPLAY_URL, upstreamUrl.toString());
    p.put(TargetConfig.TIMEOUT_IDLE, "2000");
    p.put(TargetConfig.TIMEOUT_HEADERS, "5000");
    p.put(TargetConfig.TIMEOUT_TOTAL, "15000");
    p.putAll(extra);
    TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
    run = new RunContext(config, scenarios);
  }

  /** Every implemented check on every scenario it applies to, by check ID then scenario. */
  public Map<String, Map<String, Verdict>> evaluate() {
    Map<String, Map<String, Verdict>> out = new TreeMap<>();
    for (Check check : Catalog.all()) {
      if (!Evaluators.implemented(check)) continue;
      for (Scenario s : run.scenarios().all()) {
        if (Evaluators.of(check).notApplicable(s, run).isPresent()) continue;
        long t0 = System.nanoTime();
        Verdict v = Evaluators.evaluate(check, s, run);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms > 300 && Boolean.getBoolean("relaytck.debugTiming")) System.out.println("SLOW " + check.id() + " " + s.id() + " " + ms + " ms");
        out.computeIfAbsent(check.id(), k -> new LinkedHashMap<>()).put(s.id(), v);
      }
    }
    return out;
  }

  /** The IDs of the checks that failed (MUST, SHOULD and INFO alike), with their first message. */
  /**
   * Checks that judge the upstream's own counts and generation pace: a recording replayed in live
   * configuration has neither (count_tokens is answered from recordings, streams run at the test
   * time scale), so live harness runs leave them out; they are proven live against the stand-in
   * official API (runner LiveModeTests).
   */
  public static final java.util.Set<String> NEED_A_REAL_UPSTREAM = java.util.Set.of("MSG-110", "MSG-120", "SSE-080");

  /** {@link #failures} of a live run on recordings, without {@link #NEED_A_REAL_UPSTREAM}. */
  public static Map<String, String> liveFailures(Map<String, Map<String, Verdict>> results) {
    Map<String, String> f = failures(results);
    f.keySet().removeAll(NEED_A_REAL_UPSTREAM);
    return f;
  }

  public static Map<String, String> failures(Map<String, Map<String, Verdict>> results) {
    Map<String, String> f = new TreeMap<>();
    results.forEach((id, byScenario) -> byScenario.forEach((scenario, v) -> {
      if (v.outcome() != Outcome.PASSED && v.outcome() != Outcome.SKIPPED) f.putIfAbsent(id, scenario + ": " + v.outcome() + " " + v.message());
    }));
    return f;
  }

  @Override
  public void close() {
    relay.close();
    if (upstream != null) upstream.close();
    if (replay != null) replay.close();
  }
}
