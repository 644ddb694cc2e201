package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.relay.TimingDefect;
import dev.relaytck.relay.TimingProxy;
import dev.relaytck.report.ReportSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-tck run --profile perf,context} end to end against the bundled recordings on a
 * replay upstream: a faithful relay with 1-byte chunks passes every MUST check of both profiles
 * and the report draws the latency figures and charts; a relay that drops requests under
 * concurrency fails PERF-040 and the run.
 */
class RunPerfContextProfilesTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ReplayServer replay;

  @BeforeAll
  static void startReplay() {
    replay = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0.05));
  }

  @AfterAll
  static void stopReplay() {
    replay.close();
  }

  private static CliRunner runThrough(TimingDefect defect, Path dir) throws Exception {
    try (TestRelay relay = new TestRelay(URI.create(replay.baseUrl()), EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS));
        TimingProxy proxy = new TimingProxy(relay.url(), defect)) {
      return RunCommandTests.run("run", "--base-url", proxy.url().toString(), "--replay", replay.baseUrl(),
          "--api-key", TestRelay.CLIENT_KEY, "--profile", "perf,context", "--report-dir", dir.toString());
    }
  }

  private static String status(JsonNode report, String id) {
    for (JsonNode c : report.path("checks")) {
      if (c.path("id").asText().equals(id)) return c.path("status").asText();
    }
    return "absent";
  }

  @Test
  void aFaithfulRelayPassesThePerfAndContextProfilesAndTheReportDrawsTheFigures(@TempDir Path dir) throws Exception {
    CliRunner r = runThrough(null, dir);
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    assertThat(ReportSchema.validate(report)).isEmpty();
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    for (String id : new String[] {"PERF-010", "PERF-020", "PERF-040", "PERF-050", "CTX-010", "CTX-020", "CTX-030", "CTX-040"}) {
      assertThat(status(report, id)).as(id).isEqualTo("passed");
    }
    assertThat(status(report, "PERF-030")).isNotEqualTo("failed");
    assertThat(status(report, "CTX-050")).isEqualTo("skipped");
    assertThat(report.path("metrics").path("latency").path("byScenario").size()).isPositive();
    assertThat(report.path("metrics").path("context").path("limit").path("acceptedTokens").asLong()).isGreaterThan(180_000);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("Latency and streaming timing", "Histogram of time to first token", "Event arrivals per stream",
        "Long context", "the model's window");
    assertThat(Files.readString(dir.resolve("summary.md"))).contains("**Latency**", "**Long context**");
  }

  @Test
  void aRelayThatDropsConcurrentRequestsFailsPerf040AndTheRun(@TempDir Path dir) throws Exception {
    CliRunner r = runThrough(TimingDefect.DROP_UNDER_CONCURRENCY, dir);
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(status(report, "PERF-040")).isEqualTo("failed");
    for (String id : new String[] {"PERF-010", "PERF-020", "PERF-050", "CTX-010", "CTX-020", "CTX-030", "CTX-040"}) {
      assertThat(status(report, id)).as(id).isEqualTo("passed");
    }
  }
}
