package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.report.ReportSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-tck run} against relays that never answer properly: an endless line, a gzip bomb,
 * a relay that hangs and one that drip-feeds. Each run ends by its own bounds (the body limit,
 * the consecutive-timeout limit, the run's time limit: the bound each test states in its flags),
 * writes every report, reports the right outcomes and exits 1 (a MUST check failed) without a
 * stack trace. The {@code @Timeout}s only guard the build against a hang; they judge nothing.
 */
class RunRobustnessTests {
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

  private static CliRunner run(MisbehavingRelay relay, Path dir, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--base-url", relay.url(), "--replay", replay.baseUrl(),
        "--api-key", "sk-ant-fake-robustness-key", "--report-dir", dir.toString()));
    args.addAll(List.of(extra));
    return RunCommandTests.run(java.util.Map.of("CI", "true"), args.toArray(String[]::new));
  }

  /** The report is complete and valid, and nothing says the kit itself failed. */
  private static JsonNode reported(CliRunner r, Path dir) throws Exception {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).doesNotContain("Exception", "the kit itself failed");
    assertThat(dir.resolve(RunCommand.ERROR_LOG)).doesNotExist();
    for (String file : List.of("report.json", "junit.xml", "report.html", "summary.md")) {
      assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
    }
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    assertThat(ReportSchema.validate(report)).isEmpty();
    assertThat(report.path("summary").path("errors").asInt()).as("checks in error").isZero();
    return report;
  }

  private static List<String> messages(JsonNode report, String status) {
    List<String> out = new ArrayList<>();
    report.path("checks").forEach(c -> {
      if (c.path("status").asText().equals(status)) out.add(c.path("id").asText() + ": " + c.path("message").asText());
    });
    return out;
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void anEndlessLineEndsEachExchangeAtTheBodyLimitAndFailsItsChecks(@TempDir Path dir) throws Exception {
    try (MisbehavingRelay relay = new MisbehavingRelay(MisbehavingRelay.Behaviour.FLOOD)) {
      CliRunner r = run(relay, dir, "--check", "SSE-*,MSG-*,HDR-*", "--max-body-bytes", "1000000",
          "--timeout-ms", "headers=10000,idle=10000,total=30000");
      JsonNode report = reported(r, dir);
      assertThat(messages(report, "failed")).anySatisfy(m -> assertThat(m)
          .contains("too large to judge", "exceeded the kit's limit of 1000000 bytes (--max-body-bytes)"));
      assertThat(messages(report, "passed")).as("nothing passes on a body the kit stopped reading").isEmpty();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aGzipBombIsCaughtBeforeAnyCheckInflatesIt(@TempDir Path dir) throws Exception {
    try (MisbehavingRelay relay = new MisbehavingRelay(MisbehavingRelay.Behaviour.GZIP_BOMB)) {
      // The default limit (8 MiB) against 64 MiB of zeros in 64 KiB of gzip.
      CliRunner r = run(relay, dir, "--check", "MSG-*,HDR-*", "--timeout-ms", "headers=10000,idle=10000,total=30000");
      JsonNode report = reported(r, dir);
      assertThat(messages(report, "failed")).anySatisfy(m -> assertThat(m)
          .contains("gzip body decodes to more than the kit's limit of " + (8L << 20) + " bytes"));
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aHangingRelayStopsTheRunAfterTheConsecutiveTimeoutLimit(@TempDir Path dir) throws Exception {
    try (MisbehavingRelay relay = new MisbehavingRelay(MisbehavingRelay.Behaviour.HANG)) {
      CliRunner r = run(relay, dir, "--max-timeouts", "3", "--timeout-ms", "connect=2000,headers=300,idle=300,total=3000");
      JsonNode report = reported(r, dir);
      assertThat(messages(report, "failed")).as("the timed-out exchanges fail their checks")
          .anySatisfy(m -> assertThat(m).contains("no response headers within 300 ms"));
      assertThat(messages(report, "inconclusive")).as("after 3 timeouts in a row, nothing more is sent")
          .anySatisfy(m -> assertThat(m).contains("the relay stopped answering: 3 exchanges in a row timed out"));
      assertThat(messages(report, "passed")).isEmpty();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aDripFeedingRelayStopsTheRunAtItsTimeLimit(@TempDir Path dir) throws Exception {
    try (MisbehavingRelay relay = new MisbehavingRelay(MisbehavingRelay.Behaviour.DRIP)) {
      // Idle never fires (a byte every 100 ms); each exchange is cut at 1 s, and the run at 4 s.
      CliRunner r = run(relay, dir, "--max-run-seconds", "4", "--max-timeouts", "1000",
          "--timeout-ms", "headers=5000,idle=5000,total=1000");
      JsonNode report = reported(r, dir);
      assertThat(messages(report, "failed")).as("the exchanges cut at 1 s fail their checks").isNotEmpty();
      assertThat(messages(report, "inconclusive"))
          .anySatisfy(m -> assertThat(m).contains("the run reached its time limit (relaytck.maxRunSeconds 4)"));
      // Only what a 200 and its headers prove can pass (the credential was accepted: AUTH-010/020).
      assertThat(messages(report, "passed")).allSatisfy(m -> assertThat(m).startsWith("AUTH-0"));
    }
  }
}
