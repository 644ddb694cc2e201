package dev.relaytck.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.RunContext;
import dev.relaytck.junit.CheckResultCollector;
import dev.relaytck.junit.Suite;
import dev.relaytck.outcome.ExchangeRecord;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.ProgressListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the shipped suite ({@code dev.relaytck.checks}) through the JUnit Platform Launcher,
 * configured only by configuration parameters (the keys a provider sets as system properties
 * or in {@code junit-platform.properties}), and collects outcomes by check ID.
 */
final class SuiteLauncher {
  static final String CHECKS_PACKAGE = "dev.relaytck.checks";

  /** What the suite found: one result per check, and whether the target could not be reached at all. */
  record Outcome(List<CheckResult> results, Optional<String> unreachable, List<ExchangeRecord> exchanges,
      Map<String, Object> metrics) {}

  private SuiteLauncher() {}

  /** Runs the suite on {@code recordings} (this run's own: no process-wide state). */
  static Outcome run(Map<String, String> parameters, List<dev.relaytck.recordings.format.Recording> recordings,
      ProgressListener progress) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectPackage(CHECKS_PACKAGE))
        .configurationParameters(parameters)
        // Only what run was given: the suite reads neither the environment nor system properties.
        .configurationParameter(Suite.PARAMETERS_ONLY, "true")
        // The kit's own JUnit settings only: a junit-platform.properties on the class path must not
        // reconfigure a certification run.
        .enableImplicitConfigurationParameters(false)
        .build();
    CheckResultCollector collector = new CheckResultCollector();
    try (LauncherSession session = LauncherFactory.openSession()) {
      Suite.useRecordings(session, recordings);
      session.getLauncher().execute(request, new Progress(collector, progress));
      // The suite's run context holds the exchanges: which ones are behind each outcome, and their records.
      Optional<RunContext> run = Suite.lastRun(session);
      List<CheckResult> results = run.map(collector::results).orElseGet(collector::results);
      List<ExchangeRecord> exchanges = run.map(r -> CheckResultCollector.exchanges(r, results)).orElse(List.of());
      // The evidence checks' figures (latency, billing, identity, ...) for the report's metrics.
      Map<String, Object> metrics = new java.util.LinkedHashMap<>(run.map(RunContext::metrics).orElse(Map.of()));
      // Which HTTP version the relay's responses came over (--http): evidence that HTTP/2 was really used.
      run.ifPresent(r -> metrics.put("httpVersions", r.client().httpVersions()));
      return new Outcome(results, collector.unreachable(), exchanges, metrics);
    }
  }

  /**
   * Feeds the collector first, then tells the console: wrapping rather than registering both
   * keeps the order certain (the Launcher calls finish events of several listeners in reverse).
   */
  private static final class Progress implements TestExecutionListener {
    private static final Pattern CHECK_ID = Pattern.compile("^\\[([A-Z]+-\\d{3})]");
    private final CheckResultCollector collector;
    private final ProgressListener progress;

    Progress(CheckResultCollector collector, ProgressListener progress) {
      this.collector = collector;
      this.progress = progress;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
      collector.testPlanExecutionStarted(plan);
      int checks = 0;
      for (TestIdentifier root : plan.getRoots()) {
        for (TestIdentifier id : plan.getDescendants(root)) {
          if (id.isContainer() && check(id).isPresent()) checks++;
        }
      }
      progress.runStarted(checks);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
      collector.executionStarted(id);
      if (id.isContainer()) check(id).ifPresent(progress::checkStarted);
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      collector.executionSkipped(id, reason);
      if (id.isContainer()) finished(id);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      collector.executionFinished(id, result);
      if (id.isContainer()) finished(id);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
      collector.testPlanExecutionFinished(plan);
      progress.runFinished();
    }

    private void finished(TestIdentifier id) {
      check(id).ifPresent(check -> collector.results().stream()
          .filter(r -> r.check().equals(check)).findFirst().ifPresent(progress::checkFinished));
    }

    private static Optional<Check> check(TestIdentifier id) {
      Matcher m = CHECK_ID.matcher(id.getDisplayName());
      return m.find() ? Catalog.byId(m.group(1)) : Optional.empty();
    }
  }
}
