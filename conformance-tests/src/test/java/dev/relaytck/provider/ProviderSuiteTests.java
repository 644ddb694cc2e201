package dev.relaytck.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.relaytck.junit.CheckResultCollector;
import dev.relaytck.junit.Suite;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import dev.relaytck.relay.TestRecordings;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.target.TargetConfig;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The third documented way, run as a provider's build runs it: a JUnit Platform {@code @Suite}
 * selecting the shipped package. Without a target it must not fail the build (every test is
 * skipped with the reason); with one it runs the checks against it.
 */
class ProviderSuiteTests {
  private static SummaryGeneratingListener run(Map<String, String> parameters, CheckResultCollector collector) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(ProviderConformanceSuite.class))
        .configurationParameters(parameters)
        .enableImplicitConfigurationParameters(false)
        .build(), summary, collector);
    return summary;
  }

  @Test
  void withoutATargetTheSuiteIsSkippedWithItsReasonAndNeverFails() {
    SummaryGeneratingListener summary = run(Map.of(), new CheckResultCollector());
    assertThat(summary.getSummary().getTotalFailureCount()).as("no failure, no 'no tests discovered'").isZero();
    assertThat(summary.getSummary().getContainersSkippedCount() + summary.getSummary().getTestsSkippedCount())
        .as("skipped, saying why").isPositive();
  }

  @Test
  void withATargetItRunsTheChecks() throws Exception {
    try (Harness h = new Harness(EnumSet.noneOf(Behaviour.class), true, Map.of())) {
      Map<String, String> p = new HashMap<>();
      p.put(TargetConfig.BASE_URL, h.relay.url().toString());
      p.put(TargetConfig.REPLAY_URL, h.upstream.url().toString());
      p.put(TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
      p.put(Suite.RECORDING_SOURCE, TestRecordings.class.getName());
      p.put(Suite.CHECKS, "SSE-*");
      CheckResultCollector collector = new CheckResultCollector();
      run(p, collector);
      CheckResult sse020 = collector.results().stream().filter(r -> r.check().id().equals("SSE-020")).findFirst().orElseThrow();
      assertThat(sse020.outcome()).isEqualTo(Outcome.PASSED);
    }
  }
}
