package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.CcDefect;
import dev.relaytck.relay.CcDefectProxy;
import dev.relaytck.relay.TestRelay;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-tck run --profile claude-code} end to end: the self-check, a hermetic run through a
 * faithful relay and through one that allow-lists betas (CC-010), and a replay upstream that serves
 * no Claude Code scenario. CC-140 drives the real Claude Code CLI when it is installed in
 * {@code .tools/claude-code} ({@code tools/claude-code/install.sh}); otherwise it must be skipped
 * with that reason, and the run must say that this keeps claude-code from being certified.
 */
class RunClaudeCodeProfileTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLI_PROPERTY = "relaytck.claudeCode";

  /** The replay upstream as {@code relay-tck serve} starts it: every scenario the kit knows. */
  private static ReplayServer replay;

  @BeforeAll
  static void startReplay() {
    replay = ReplayServer.start(ReplayOptions.of(SelectedRecordings.known()).withTimeScale(0.05));
  }

  @AfterAll
  static void stopReplay() {
    replay.close();
  }

  /** Whether CC-140 can run here: the same places the check looks (the property, then .tools/claude-code upwards). */
  private static boolean cliInstalled() {
    String configured = System.getProperty(CLI_PROPERTY);
    if (configured != null && !configured.isBlank()) return Files.isExecutable(Path.of(configured));
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve(".tools/claude-code/node_modules/.bin/claude"))) return true;
    }
    return false;
  }

  private static Map<String, JsonNode> ccChecks(Path dir) throws Exception {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    JSON.readTree(dir.resolve("report.json").toFile()).path("checks").forEach(c -> {
      if (c.path("id").asText().startsWith("CC-")) out.put(c.path("id").asText(), c);
    });
    return out;
  }

  /** Every MUST and SHOULD check of profile claude-code passed; CC-140 passed, or was skipped because the CLI is absent. */
  private static void assertClaudeCodePassed(CliRunner r, Path dir) throws Exception {
    Map<String, JsonNode> cc = ccChecks(dir);
    assertThat(cc).containsKeys("CC-010", "CC-020", "CC-030", "CC-040", "CC-050", "CC-060", "CC-070", "CC-080", "CC-090",
        "CC-100", "CC-110", "CC-120", "CC-140");
    cc.forEach((id, c) -> {
      String status = c.path("status").asText();
      if (!c.path("profile").asText().equals("claude-code")) {
        assertThat(status).as(id + " is not in the profile").isEqualTo("skipped");
      } else if (id.equals("CC-140") && !cliInstalled()) {
        assertThat(status).as(id).isEqualTo("skipped");
        assertThat(c.path("message").asText()).contains("the Claude Code CLI is not installed", "tools/claude-code/install.sh");
      } else {
        assertThat(status).as(id + ": " + c.path("message").asText()).isEqualTo("passed");
      }
    });
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    if (cliInstalled()) {
      assertThat(report.path("certified").toString()).contains("claude-code");
      assertThat(r.out()).contains("certified: claude-code");
    } else {
      assertThat(report.path("certified").toString()).doesNotContain("claude-code");
      assertThat(r.out()).contains("claude-code is not certified: CC-140 was skipped (the Claude Code CLI is not installed");
    }
  }

  @Test
  void theSelfCheckRunsEveryClaudeCodeCheckAndCertifiesTheProfile(@TempDir Path dir) throws Exception {
    CliRunner r = RunCommandTests.run("run", "--profile", "claude-code", "--report-dir", dir.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("self-check", "profiles:    claude-code");
    assertClaudeCodePassed(r, dir);
  }

  @Test
  void withoutTheCliCc140IsSkippedAndTheRunSaysItBlocksCertification(@TempDir Path dir) throws Exception {
    String before = System.getProperty(CLI_PROPERTY);
    System.setProperty(CLI_PROPERTY, dir.resolve("no-such-claude").toString());
    CliRunner r;
    try {
      r = RunCommandTests.run("run", "--profile", "claude-code", "--report-dir", dir.resolve("report").toString());
    } finally {
      if (before == null) System.clearProperty(CLI_PROPERTY);
      else System.setProperty(CLI_PROPERTY, before);
    }

    assertThat(r.exitCode()).as("a skip is not a failure: " + r.out() + r.err()).isZero();
    JsonNode cc140 = ccChecks(dir.resolve("report")).get("CC-140");
    assertThat(cc140.path("status").asText()).isEqualTo("skipped");
    assertThat(r.out()).contains("PASSED, NOT CERTIFIED", "certified: none",
        "claude-code is not certified: CC-140 was skipped (the Claude Code CLI is not installed: run tools/claude-code/install.sh");
  }

  @Test
  void coreAndClaudeCodeTogetherPassOnTheSelfCheck(@TempDir Path dir) throws Exception {
    CliRunner r = RunCommandTests.run("run", "--profile", "core,claude-code", "--check", "SSE-*,EVT-*,MSG-*,CC-*",
        "--report-dir", dir.toString());

    // Core checks are evaluated on the Claude Code scenarios too: the derived recordings must hold to them.
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    report.path("checks").forEach(c -> assertThat(c.path("status").asText()).as(c.path("id").asText() + ": " + c.path("message").asText())
        .isIn("passed", "skipped"));
    assertThat(report.path("metrics").toString()).contains("\"scenarios\":" + SelectedRecordings.known().size());
  }

  @Test
  void aHermeticRunThroughAFaithfulRelayPassesTheProfile(@TempDir Path dir) throws Exception {
    try (TestRelay relay = new TestRelay(URI.create(replay.baseUrl()), Set.of())) {
      CliRunner r = RunCommandTests.run("run", "--base-url", relay.url().toString(), "--replay", replay.baseUrl(),
          "--auth-token", TestRelay.CLIENT_KEY, "--profile", "claude-code", "--report-dir", dir.toString());

      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      assertThat(r.err()).doesNotContain("no recording of", "none of the Claude Code scenarios");
      assertClaudeCodePassed(r, dir);
    }
  }

  @Test
  void aRelayThatAllowListsBetasFailsCc010WithItsId(@TempDir Path dir) throws Exception {
    try (CcDefectProxy proxy = new CcDefectProxy(URI.create(replay.baseUrl()), Set.of(CcDefect.ALLOW_LIST_BETAS));
        TestRelay relay = new TestRelay(proxy.url(), Set.of())) {
      CliRunner r = RunCommandTests.run("run", "--base-url", relay.url().toString(), "--replay", replay.baseUrl(),
          "--auth-token", TestRelay.CLIENT_KEY, "--profile", "claude-code", "--check", "CC-010,CC-020,CC-030",
          "--report-dir", dir.toString());

      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
      Map<String, JsonNode> cc = ccChecks(dir);
      assertThat(cc.get("CC-010").path("status").asText()).isEqualTo("failed");
      assertThat(cc.get("CC-010").path("message").asText()).contains("anthropic-beta");
      assertThat(cc.get("CC-020").path("status").asText()).as("only the betas are touched").isEqualTo("passed");
      assertThat(cc.get("CC-030").path("status").asText()).isEqualTo("passed");
      assertThat(r.out()).contains("Failing required checks:", "CC-010 MUST", "FAILED", "certified: none");
    }
  }

  @Test
  void aReplayUpstreamWithoutTheClaudeCodeScenariosIsNamedNotSilentlySkipped(@TempDir Path dir) throws Exception {
    try (ReplayServer bundledOnly = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0.05))) {
      CliRunner r = RunCommandTests.run("run", "--base-url", bundledOnly.baseUrl(), "--replay", bundledOnly.baseUrl(),
          "--api-key", TestRelay.CLIENT_KEY, "--profile", "claude-code", "--check", "CC-010", "--report-dir", dir.toString());

      assertThat(r.err()).contains("serves none of the Claude Code scenarios", "claude-code checks will be skipped");
      assertThat(ccChecks(dir).get("CC-010").path("status").asText()).isEqualTo("skipped");
    }
  }

  @Test
  void theClaudeCodeScenariosAreSentOnlyWhenTheProfileIsSelectedAndPricedBySize() {
    CliRunner core = RunCommandTests.run("run", "--base-url", "http://127.0.0.1:9", "--auth-token", "t", "--dry-run",
        "--profile", "core");
    CliRunner both = RunCommandTests.run("run", "--base-url", "http://127.0.0.1:9", "--auth-token", "t", "--dry-run",
        "--profile", "core,claude-code", "--max-cost-usd", "100");

    assertThat(core.exitCode()).as(core.out() + core.err()).isZero();
    assertThat(both.exitCode()).as(both.out() + both.err()).isZero();
    assertThat(core.out()).doesNotContain("cc-print-read");
    assertThat(both.out()).contains("cc-print-read", "cc-count-tokens");
    // A Claude Code main-loop request is some 50 kB (about 12k input tokens by size). Live, Claude Code's requests are sent
    // only for the claude-code checks that read their answer (docs/live.md): none reads a main-loop answer live, so none is
    // sent; cc-print-read carries the free endpoint probes (GET /v1/models, HEAD) and cc-count-tokens a count.
    assertThat(tokens(both.out()) - tokens(core.out())).isPositive().isLessThan(10_000L);
    assertThat(both.out()).containsPattern("GET\\s+\\(endpoint probes\\)\\s+cc-print-read");
  }

  private static long tokens(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("about ([0-9,]+) tokens").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }
}
