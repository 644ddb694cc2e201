package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.CcDefect;
import dev.relaytck.relay.CcDefectProxy;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.report.ReportSchema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-tck run --profile trial} end to end, hermetically, with the real Claude Code CLI: the
 * kit → the test relay → a defect hop → the replay upstream (its scripted model answers the CLI). A
 * faithful relay is "ready for daily use"; a relay that breaks tool-input streaming is "do not use",
 * naming the check and the task; a slow relay is "usable with caution" with the latency figures; a
 * buffering relay is "do not use" naming the streaming check. The CLI runs need it installed
 * (tools/claude-code/install.sh); without it the trial says why its tasks did not run.
 */
class RunTrialTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLI_PROPERTY = "relaytck.claudeCode";
  /** Only the trial's tasks (and what a test adds): the defect runs need not repeat the whole core. */
  private static final String TASKS = "CC-150,CC-160,CC-170,CC-180,CC-190,CC-200";
  private static ReplayServer replay;

  @BeforeAll
  static void startReplay() {
    replay = ReplayServer.start(ReplayOptions.of(SelectedRecordings.known()).withTimeScale(0.05));
  }

  @AfterAll
  static void stopReplay() {
    replay.close();
  }

  private static void assumeCli() {
    boolean installed = false;
    for (Path dir = Path.of("").toAbsolutePath(); dir != null && !installed; dir = dir.getParent()) {
      installed = Files.isExecutable(dir.resolve(".tools/claude-code/node_modules/.bin/claude"));
    }
    assumeTrue(installed || System.getProperty(CLI_PROPERTY) != null, "the Claude Code CLI is not installed: run tools/claude-code/install.sh");
  }

  private static CliRunner trial(Set<CcDefect> defects, Path dir, String... extra) throws Exception {
    try (CcDefectProxy proxy = new CcDefectProxy(URI.create(replay.baseUrl()), defects);
        TestRelay relay = new TestRelay(proxy.url(), Set.of())) {
      List<String> args = new ArrayList<>(List.of("run", "--base-url", relay.url().toString(), "--replay", replay.baseUrl(),
          "--auth-token", TestRelay.CLIENT_KEY, "--profile", "trial", "--report-dir", dir.toString()));
      args.addAll(List.of(extra));
      return RunCommandTests.run(args.toArray(String[]::new));
    }
  }

  private static JsonNode trialOf(Path dir) throws Exception {
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    assertThat(ReportSchema.validate(report)).as("report.json against the kit's report schema").isEmpty();
    return report.path("trial");
  }

  @Test
  void aFaithfulRelayIsReadyForDailyUseAndTheVerdictComesFirst(@TempDir Path dir) throws Exception {
    assumeCli();
    CliRunner r = trial(Set.of(), dir);

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode trial = trialOf(dir);
    assertThat(trial.path("verdict").asText()).as(trial.toString()).isEqualTo("ready");
    assertThat(trial.path("tasks")).hasSize(6).allSatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("passed"));
    JsonNode figures = trial.path("figures");
    assertThat(figures.path("requests").asInt()).as("every request of the CLI passed the metering proxy").isGreaterThanOrEqualTo(10);
    assertThat(figures.path("errors").asInt()).as("the retry task's injected 529 is not the relay's error").isZero();
    assertThat(figures.path("ttftP50Ms").isIntegralNumber()).isTrue();
    assertThat(figures.path("inputTokens").asLong()).isPositive();
    assertThat(trial.path("tasks").get(5).path("errors").toString()).contains("529 overloaded_error");
    String out = r.out();
    assertThat(out.indexOf("TRIAL: READY FOR DAILY USE")).as(out).isPositive().isLessThan(out.indexOf("area    passed"));
    assertThat(out).contains("figures: TTFT p50", "a black-box test cannot see").containsPattern("certified: .*claude-code.*trial");
    assertThat(Files.readString(dir.resolve("summary.md"), StandardCharsets.UTF_8)).startsWith("## ✅ Trial: ready for daily use");
    String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html.indexOf("id=\"trial-verdict\"")).isPositive().isLessThan(html.indexOf("<main>"));
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.filter(Files::isRegularFile).forEach(f -> assertThat(new String(readBytes(f), StandardCharsets.UTF_8))
          .as("the credential the CLI was given never reaches the reports: " + f).doesNotContain(TestRelay.CLIENT_KEY));
    }
  }

  private static byte[] readBytes(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aRelayThatBreaksToolInputStreamingIsDoNotUseNamingTheCheckAndTask(@TempDir Path dir) throws Exception {
    assumeCli();
    CliRunner r = trial(Set.of(CcDefect.BREAK_INPUT_JSON_DELTA), dir, "--check", TASKS);

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    JsonNode trial = trialOf(dir);
    assertThat(trial.path("verdict").asText()).isEqualTo("do-not-use");
    assertThat(trial.path("headline").asText()).startsWith("do not use: CC-160").contains("CC-170");
    assertThat(trial.path("reasons").toString()).contains("task code-edit failed", "node --test still fails");
    assertThat(r.out().lines().filter(l -> l.startsWith("TRIAL:")).findFirst().orElseThrow()).contains("do not use: CC-160");
  }

  @Test
  void aSlowRelayIsUsableWithCautionShowingTheLatencyFigures(@TempDir Path dir) throws Exception {
    assumeCli();
    CliRunner r = trial(Set.of(CcDefect.SLOW), dir, "--check", TASKS);

    JsonNode trial = trialOf(dir);
    assertThat(trial.path("verdict").asText()).as(r.out()).isEqualTo("caution");
    assertThat(trial.path("reasons").toString()).contains("slow: median time to first token");
    assertThat(trial.path("figures").path("ttftP50Ms").asLong()).isGreaterThanOrEqualTo(1_000);
    assertThat(r.out()).contains("TRIAL: usable with caution: slow: median time to first token");
  }

  @Test
  void aBufferingRelayIsDoNotUseNamingTheStreamingCheck(@TempDir Path dir) throws Exception {
    assumeCli();
    CliRunner r = trial(Set.of(CcDefect.BUFFER_STREAM), dir, "--check", TASKS + ",CC-060");

    JsonNode trial = trialOf(dir);
    assertThat(trial.path("verdict").asText()).as(r.out()).isEqualTo("do-not-use");
    assertThat(trial.path("headline").asText()).startsWith("do not use: CC-060");
  }

  @Test
  void withoutTheCliTheTrialSaysWhyItsTasksDidNotRun(@TempDir Path dir) throws Exception {
    String before = System.getProperty(CLI_PROPERTY);
    System.setProperty(CLI_PROPERTY, dir.resolve("no-such-claude").toString());
    CliRunner r;
    try {
      r = RunCommandTests.run("run", "--profile", "trial", "--check", TASKS, "--report-dir", dir.resolve("report").toString());
    } finally {
      if (before == null) System.clearProperty(CLI_PROPERTY);
      else System.setProperty(CLI_PROPERTY, before);
    }
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode trial = trialOf(dir.resolve("report"));
    assertThat(trial.path("verdict").asText()).isEqualTo("caution");
    assertThat(r.out()).contains("TRIAL: usable with caution: the Claude Code tasks were not run",
        "  - the Claude Code tasks were not run: the trial's Claude Code tasks need the CLI, which is not installed: run"
            + " tools/claude-code/install.sh");
  }

  @Test
  void theLiveEstimateCoversTheTrialAndTheLimitHoldsIt(@TempDir Path dir) {
    CliRunner refused = RunCommandTests.run("run", "--base-url", "http://127.0.0.1:9", "--profile", "trial", "--check", TASKS,
        "--dry-run", "--report-dir", dir.toString());
    assertThat(refused.out()).contains("trial:       8 Claude Code requests");
    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("refusing to start: the estimated cost");

    CliRunner dry = RunCommandTests.run("run", "--base-url", "http://127.0.0.1:9", "--profile", "trial", "--check", TASKS,
        "--dry-run", "--max-cost-usd", "2", "--report-dir", dir.toString());
    assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
    assertThat(dry.out()).contains("claude -p (trial task code-edit): 3 request(s)", "claude -p (trial task long-context)")
        .doesNotContain("retry-after-overloaded");
  }

  /**
   * An overcharging relay (the billing area's test relay, charging 1.5 times the price it
   * advertises) fails BILL-040, a MUST: the trial says "do not use" and names the check, whatever
   * the Claude Code tasks did.
   */
  @Test
  void anOverchargingRelayIsDoNotUseNamingTheBillingCheck(@TempDir Path dir) throws Exception {
    try (dev.relaytck.relay.BillingRelay relay = new dev.relaytck.relay.BillingRelay(URI.create(replay.baseUrl()),
        dev.relaytck.relay.BillingRelay.Mode.OVERCHARGE_1_5X, dev.relaytck.relay.BillingHarness.PRICE, 0)) {
      CliRunner r = RunCommandTests.run("run", "--base-url", relay.url().toString(), "--replay", replay.baseUrl(),
          "--api-key", TestRelay.CLIENT_KEY, "--profile", "trial", "--price", dev.relaytck.relay.BillingHarness.PRICE_FLAG,
          "--balance", "new-api", "--balance-token", dev.relaytck.relay.BillingRelay.DASHBOARD_TOKEN,
          "--balance-header", "New-Api-User:" + dev.relaytck.relay.BillingRelay.USER_ID, "--billing-settle-ms", "200",
          "--report-dir", dir.toString());
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
      JsonNode trial = trialOf(dir);
      assertThat(trial.path("verdict").asText()).as(trial.toString()).isEqualTo("do-not-use");
      assertThat(trial.path("reasons").toString()).contains("BILL-040");
      assertThat(r.out()).contains("TRIAL: do not use");
    }
  }
}
