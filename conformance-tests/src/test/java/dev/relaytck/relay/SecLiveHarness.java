package dev.relaytck.relay;

import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.StandInModels;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Live mode for the security checks: the stand-in official API (no recordings, no journal), a
 * {@link SecurityTamperProxy} with one defect (or none) and a {@link TestRelay} in front; a live
 * run context (no --replay) with the given evidence settings.
 */
public final class SecLiveHarness implements AutoCloseable {
  public static final String MODEL = "claude-standin-alpha-1";
  public final StandInApi api;
  private final EchoUpstream echo;
  public final SecurityTamperProxy proxy;
  public final TestRelay relay;
  public final RunContext run;

  public SecLiveHarness(SecDefect defect, Set<Behaviour> behaviours, Map<String, String> settings) throws IOException {
    this(defect, behaviours, settings, false);
  }

  /** With {@code obedient}, the upstream is an {@link EchoUpstream} (for sentinel probes) instead of the stand-in. */
  public SecLiveHarness(SecDefect defect, Set<Behaviour> behaviours, Map<String, String> settings, boolean obedient) throws IOException {
    api = StandInApi.builder().model(StandInModels.alpha(MODEL)).apiKey(TestRelay.UPSTREAM_KEY).seed(5).start();
    echo = obedient ? new EchoUpstream() : null;
    proxy = new SecurityTamperProxy(obedient ? echo.url() : api.url(), defect);
    relay = new TestRelay(proxy.url(), behaviours);
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, relay.url().toString());
    p.put(TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
    p.put(TargetConfig.MODEL, MODEL);
    p.put(TargetConfig.TIMEOUT_IDLE, "5000");
    p.put(TargetConfig.TIMEOUT_HEADERS, "10000");
    p.put(TargetConfig.TIMEOUT_TOTAL, "20000");
    TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
    run = new RunContext(config, ScenarioCatalog.of(List.of()), k -> Optional.ofNullable(settings.get(k)));
  }

  @Override
  public void close() {
    relay.close();
    proxy.close();
    api.close();
    if (echo != null) echo.close();
  }
}
