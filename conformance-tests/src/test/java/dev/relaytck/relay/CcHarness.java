package dev.relaytck.relay;

import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.CcCheck;
import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Claude Code profile's test rig, all real HTTP on loopback: the kit (or the real CLI) →
 * {@link TestRelay} (faithful, Bearer credentials) → {@link CcDefectProxy} (the defects under test)
 * → the real replay upstream serving the Claude Code scenarios and the scripted session.
 */
public final class CcHarness implements AutoCloseable {
  public final ReplayServer replay;
  public final CcDefectProxy proxy;
  public final TestRelay relay;
  public final RunContext run;

  public CcHarness(Set<CcDefect> defects, double timeScale, long idleMs) throws IOException {
    this(defects, EnumSet.noneOf(Behaviour.class), timeScale, idleMs);
  }

  /** With the front relay's own behaviours (e.g. served under a path prefix). */
  public CcHarness(Set<CcDefect> defects, Set<Behaviour> relayBehaviours, double timeScale, long idleMs) throws IOException {
    replay = ReplayServer.start(ReplayOptions.of(ClaudeCodeRecordings.all()).withTimeScale(timeScale));
    proxy = new CcDefectProxy(URI.create(replay.baseUrl()), defects);
    relay = new TestRelay(proxy.url(), relayBehaviours);
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, relay.url().toString());
    p.put(TargetConfig.AUTH_TOKEN, TestRelay.CLIENT_KEY);
    p.put(TargetConfig.REPLAY_URL, replay.baseUrl());
    p.put(TargetConfig.TIME_SCALE, Double.toString(timeScale));
    p.put(TargetConfig.TIMEOUT_IDLE, Long.toString(idleMs));
    p.put(TargetConfig.TIMEOUT_HEADERS, "5000");
    p.put(TargetConfig.TIMEOUT_TOTAL, "30000");
    TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
    run = new RunContext(config, ScenarioCatalog.of(ClaudeCodeRecordings.all()));
  }

  /** The given CC checks on every scenario they apply to, by check ID then scenario. */
  public Map<String, Map<String, Verdict>> evaluate(Set<CcCheck> checks) {
    Map<String, Map<String, Verdict>> out = new TreeMap<>();
    for (Check check : Catalog.all()) {
      if (check.spec().area() != Area.CC || !checks.contains(check)) continue;
      for (Scenario s : run.scenarios().all()) {
        if (Evaluators.of(check).notApplicable(s, run).isPresent()) continue;
        out.computeIfAbsent(check.id(), k -> new LinkedHashMap<>()).put(s.id(), Evaluators.evaluate(check, s, run));
      }
    }
    return out;
  }

  @Override
  public void close() {
    relay.close();
    proxy.close();
    replay.close();
  }
}
