package dev.relaytck.relay;

import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The security checks' test bed: the real replay upstream, a {@link SecurityTamperProxy} with one
 * defect (or none) in front of it, and a {@link TestRelay} with allowed transformations (1-byte
 * chunks, CRLF...) in front of that; a hermetic run context with the given evidence settings.
 */
public final class SecHarness implements AutoCloseable {
  public final ReplayServer replay;
  public final SecurityTamperProxy proxy;
  public final TestRelay relay;
  public final RunContext run;

  public SecHarness(List<Recording> recordings, SecDefect defect, Set<Behaviour> behaviours, Map<String, String> settings) throws IOException {
    replay = ReplayServer.start(ReplayOptions.of(recordings).withTimeScale(0));
    proxy = new SecurityTamperProxy(URI.create(replay.baseUrl()), defect);
    relay = new TestRelay(proxy.url(), behaviours);
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, relay.url().toString());
    p.put(TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
    p.put(TargetConfig.REPLAY_URL, replay.baseUrl());
    p.put(TargetConfig.TIMEOUT_IDLE, "5000");
    p.put(TargetConfig.TIMEOUT_HEADERS, "10000");
    p.put(TargetConfig.TIMEOUT_TOTAL, "20000");
    TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
    run = new RunContext(config, ScenarioCatalog.of(recordings), k -> Optional.ofNullable(settings.get(k)));
  }

  @Override
  public void close() {
    relay.close();
    proxy.close();
    replay.close();
  }
}
