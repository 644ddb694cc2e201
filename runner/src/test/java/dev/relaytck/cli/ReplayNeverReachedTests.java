package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.report.ReportSchema;
import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.StandInModels;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hermetic runs whose relay never reaches the replay upstream (it answers by itself, or forwards
 * to another upstream) get one cause, said first in the console, report.json, summary.md and
 * report.html; a faithful relay and a relay that fails only some scenarios get none.
 */
class ReplayNeverReachedTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAUSE = "cause: the relay never reached the replay upstream: none of the ";
  private static ReplayServer replay;

  @BeforeAll
  static void start() {
    replay = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0));
  }

  @AfterAll
  static void stop() {
    replay.close();
  }

  private static CliRunner hermetic(String relay, Path dir) {
    return RunCommandTests.run("run", "--base-url", relay, "--replay", replay.baseUrl(), "--api-key", TestRelay.CLIENT_KEY,
        "--check", "SSE-010,SSE-040,REQ-010", "--report-dir", dir.toString());
  }

  private static List<String> causeLines(CliRunner r) {
    return r.out().lines().filter(l -> l.startsWith("cause: ")).toList();
  }

  private static void assertOneCause(CliRunner r, Path dir, String answered) throws Exception {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(causeLines(r)).as(r.out()).hasSize(1);
    assertThat(causeLines(r).get(0)).startsWith(CAUSE).contains("--replay " + replay.baseUrl(), "the relay answered " + answered,
        "point its upstream at " + replay.baseUrl());
    assertThat(r.out().indexOf("cause: ")).isLessThan(r.out().indexOf("MUST"));
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    assertThat(ReportSchema.validate(report)).isEmpty();
    String cause = report.path("metrics").path("run").path("commonCause").asText();
    assertThat("cause: " + cause).isEqualTo(causeLines(r).get(0));
    assertThat(Files.readString(dir.resolve("summary.md"))).contains("**Cause:** the relay never reached the replay upstream");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"cause\"", "the relay never reached the replay upstream");
  }

  @Test
  void aRelayThatAnswersByItselfNeverReachesTheReplayUpstream(@TempDir Path dir) throws Exception {
    // A realistic API in the relay's place: it answers every request itself (404 for the recordings' models it does not serve).
    try (StandInApi self = StandInApi.builder().model(StandInModels.alpha("claude-standin-alpha-1")).start()) {
      assertOneCause(hermetic(self.url().toString(), dir), dir, "404 to ");
    }
  }

  @Test
  void aRelayThatForwardsToAnotherUpstreamNeverReachesTheReplayUpstream(@TempDir Path dir) throws Exception {
    try (ReplayServer elsewhere = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0));
         TestRelay relay = new TestRelay(URI.create(elsewhere.baseUrl()), Set.of())) {
      // The other upstream serves the same recordings: every answer is a 200 and still nothing reached --replay.
      assertOneCause(hermetic(relay.url().toString(), dir), dir, "200 to ");
      assertThat(elsewhere.wireMock().getAllServeEvents()).isNotEmpty();
    }
  }

  @Test
  void aFaithfulRelayAndOneThatFailsSomeScenariosHaveNoSuchCause(@TempDir Path dir) throws Exception {
    CliRunner faithful;
    try (TestRelay relay = new TestRelay(URI.create(replay.baseUrl()), Set.of())) {
      faithful = hermetic(relay.url().toString(), dir.resolve("faithful"));
    }
    assertThat(faithful.exitCode()).as(faithful.out() + faithful.err()).isZero();
    assertThat(causeLines(faithful)).isEmpty();
    assertThat(JSON.readTree(dir.resolve("faithful").resolve("report.json").toFile()).path("metrics").path("run")
        .has("commonCause")).isFalse();

    CliRunner defective;
    try (TestRelay relay = new TestRelay(URI.create(replay.baseUrl()), EnumSet.of(Behaviour.APPEND_DONE))) {
      defective = hermetic(relay.url().toString(), dir.resolve("defective"));
    }
    assertThat(defective.exitCode()).as(defective.out()).isEqualTo(ExitCodes.FAILED);
    assertThat(causeLines(defective)).as(defective.out()).isEmpty();
    assertThat(Files.readString(dir.resolve("defective").resolve("summary.md"))).doesNotContain("Cause:");
  }
}
