package dev.relaytck.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.check.Evaluators;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import dev.relaytck.relay.TestRecordings;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.target.TargetConfig;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The shipped suite run the way the runner runs it: through the JUnit Launcher with
 * configuration parameters, outcomes collected by check ID.
 */
class SuiteBindingTests {
  private static final class Names implements org.junit.platform.launcher.TestExecutionListener {
    final List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void executionStarted(TestIdentifier id) {
      if (id.getSource().isEmpty() || id.getDisplayName().startsWith("[")) names.add(id.getDisplayName());
    }
  }

  private static CheckResultCollector run(Map<String, String> parameters, Names names) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectPackage("dev.relaytck.checks"))
        .configurationParameters(parameters)
        // As the runner launches it: with parametersOnly, JUnit's own fallback to system properties is off too.
        .enableImplicitConfigurationParameters(!"true".equals(parameters.get(Suite.PARAMETERS_ONLY)))
        .build();
    CheckResultCollector collector = new CheckResultCollector();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, collector, summary, names);
    if (Boolean.getBoolean("relaytck.debugBinding")) summary.getSummary().printTo(new java.io.PrintWriter(System.out, true));
    if (Boolean.getBoolean("relaytck.debugBinding")) summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
    return collector;
  }

  private static Map<String, String> parameters(Harness h) {
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, h.relay.url().toString());
    p.put(TargetConfig.REPLAY_URL, h.upstream.url().toString());
    p.put(TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
    p.put(TargetConfig.TIMEOUT_IDLE, "2000");
    p.put(TargetConfig.PROFILES, "all");
    p.put(Suite.RECORDING_SOURCE, TestRecordings.class.getName());
    return p;
  }

  @Test
  void faithfulRelayPassesEveryImplementedCheckAndTheRestAreSkippedWithAReason() throws Exception {
    try (Harness h = new Harness(EnumSet.noneOf(Behaviour.class), true, Map.of())) {
      Names names = new Names();
      CheckResultCollector c = run(parameters(h), names);
      Map<String, CheckResult> byId = c.results().stream().collect(Collectors.toMap(r -> r.check().id(), Function.identity()));

      assertThat(byId.keySet()).as("one result per catalog check").containsExactlyInAnyOrderElementsOf(
          Catalog.all().stream().map(dev.relaytck.catalog.Check::id).toList());
      assertThat(byId.values()).noneMatch(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR);
      for (var check : Catalog.all()) {
        CheckResult r = byId.get(check.id());
        if (!Evaluators.implemented(check)) {
          assertThat(r.outcome()).as(check.id()).isEqualTo(Outcome.SKIPPED);
          // A check whose optional module is absent (the SDK probe) says which module to add.
          assertThat(r.message()).as(check.id()).isEqualTo(dev.relaytck.check.RuleSet.moduleMissing(check)
              .map(m -> "no scenario applies: " + m).orElse(Evaluators.NOT_IMPLEMENTED));
        }
      }
      assertThat(byId.get("SSE-020").outcome()).isEqualTo(Outcome.PASSED);
      assertThat(byId.get("SSE-020").scenarios()).extracting(s -> s.scenario()).contains("text-stream");
      assertThat(byId.get("SSE-020").scenarios()).as("every judged scenario has its measured time")
          .allSatisfy(s -> assertThat(s.durationMs()).isPositive());
      assertThat(names.names).contains("[SSE-020] MUST every event has an event: line equal to data.type", "[SSE-020] text-stream");
      assertThat(c.unreachable()).isEmpty();
    }
  }

  @Test
  void aDefectFailsItsCheckWithTheScenarioAndEvidence() throws Exception {
    try (Harness h = new Harness(EnumSet.of(Behaviour.STRIP_EVENT_LINES), true, Map.of())) {
      Map<String, String> p = parameters(h);
      p.put(Suite.CHECKS, "SSE-*");
      CheckResultCollector c = run(p, new Names());
      CheckResult sse020 = c.results().stream().filter(r -> r.check().id().equals("SSE-020")).findFirst().orElseThrow();
      assertThat(sse020.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(sse020.message()).contains("SSE-020 event #0, byte 0").contains("the event has no event: line")
          .contains("expected event: message_start, got none");
      assertThat(sse020.scenarios()).filteredOn(s -> s.scenario().equals("text-stream"))
          .singleElement().satisfies(s -> assertThat(s.outcome()).isEqualTo(Outcome.FAILED));
      assertThat(sse020.evidence()).containsKeys("expected", "actual", "location", "exchange");
      CheckResult auth = c.results().stream().filter(r -> r.check().id().equals("AUTH-010")).findFirst().orElseThrow();
      assertThat(auth.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(auth.message()).startsWith("not selected");
    }
  }

  @Test
  void anUnreachableTargetIsAnInfrastructureOutcomeNotFailedChecks() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, "http://127.0.0.1:" + port);
    p.put(TargetConfig.API_KEY, "k");
    p.put(TargetConfig.TIMEOUT_CONNECT, "2000");
    p.put(Suite.RECORDING_SOURCE, TestRecordings.class.getName());
    CheckResultCollector c = run(p, new Names());
    assertThat(c.unreachable()).hasValueSatisfying(m -> assertThat(m).contains("cannot connect to http://127.0.0.1:" + port));
    assertThat(c.results()).noneMatch(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR);
    assertThat(c.results()).anyMatch(r -> r.outcome() == Outcome.INCONCLUSIVE);
  }

  @Test
  void withoutATargetTheShippedSuiteIsDisabledNotFailed() {
    assertThat(System.getProperty(TargetConfig.BASE_URL)).isNull();
    CheckResultCollector c = run(Map.of(), new Names());
    assertThat(c.results()).isEmpty();
  }

  @Test
  void launchedByTheRunnerTheSuiteReadsNoSystemProperty() throws Exception {
    // Before: -Drelaytck.timeout.headersMs=1 (or RELAYTCK_TIMEOUT_HEADERS_MS=1) changed a run's results.
    try (Harness h = new Harness(EnumSet.noneOf(Behaviour.class), true, Map.of())) {
      Map<String, String> p = parameters(h);
      p.put(Suite.CHECKS, "SSE-010");
      p.put(Suite.PARAMETERS_ONLY, "true");
      System.setProperty(TargetConfig.TIMEOUT_HEADERS, "1");
      System.setProperty(TargetConfig.MODEL, "a-model-run-was-not-given");
      try {
        CheckResultCollector c = run(p, new Names());
        CheckResult sse010 = c.results().stream().filter(r -> r.check().id().equals("SSE-010")).findFirst().orElseThrow();
        assertThat(sse010.outcome()).as(sse010.message()).isEqualTo(Outcome.PASSED);
      } finally {
        System.clearProperty(TargetConfig.TIMEOUT_HEADERS);
        System.clearProperty(TargetConfig.MODEL);
      }
    }
  }

  @Test
  void theSecretNeverAppearsInResults() throws Exception {
    try (Harness h = new Harness(EnumSet.of(Behaviour.ECHO_KEY), true, Map.of())) {
      Map<String, String> p = parameters(h);
      p.put(Suite.CHECKS, "AUTH-*");
      CheckResultCollector c = run(p, new Names());
      String all = c.results().toString();
      assertThat(all).doesNotContain(TestRelay.CLIENT_KEY).contains("AUTH-050");
      assertThat(Set.of(c.results().stream().filter(r -> r.outcome() == Outcome.FAILED).map(r -> r.check().id()).toArray()))
          .containsExactly("AUTH-050");
    }
  }
}
