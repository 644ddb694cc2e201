package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.identity.ProbeAnswer;
import dev.relaytck.identity.ProbeFamily;
import dev.relaytck.identity.ProbeSuite;
import dev.relaytck.identity.Reference;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.relay.TimingDefect;
import dev.relaytck.relay.TimingProxy;
import dev.relaytck.report.ReportSchema;
import dev.relaytck.standin.Pacing;
import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.StandInModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The perf and context profiles live, against the stand-in official API (a model that recalls a
 * fact stated once in a long prompt, counts tokens as it bills them, and paces its streams): a
 * faithful relay with 1-byte chunks passes PERF and CTX; relays that trim the middle of long
 * conversations, cap the context at 32k, drop the middle of a long document, or add a fixed
 * latency fail the check made for them. The estimate covers every live request, and a budget
 * below it refuses the run before anything is sent.
 */
class LivePerfContextTests {
  static final String MODEL = LiveModeTests.MODEL;
  static StandInApi api;

  @BeforeAll
  static void start() throws Exception {
    api = StandInApi.builder()
        .model(StandInModels.alpha(MODEL).renamed(MODEL, 64_000, 200_000))
        .pacing(new Pacing(Duration.ofMillis(5), Duration.ofMillis(1)))
        .seed(11)
        .start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static CliRunner run(TimingDefect defect, Path dir, String... extra) throws Exception {
    try (TestRelay relay = new TestRelay(api.url(), EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS));
        TimingProxy proxy = new TimingProxy(relay.url(), defect)) {
      List<String> args = new ArrayList<>(List.of("--model", MODEL, "--profile", "perf,context", "--max-cost-usd", "10",
          "--max-overhead-ms", "150"));
      args.addAll(List.of(extra));
      CliRunner r = LiveModeTests.live(proxy.url().toString(), dir, Map.of("ANTHROPIC_API_KEY", TestRelay.CLIENT_KEY),
          args.toArray(String[]::new));
      assertThat(dir.resolve("report.json")).as(r.out() + r.err()).exists();
      return r;
    }
  }

  private static String status(JsonNode report, String id) {
    return LiveModeTests.check(report, id).path("status").asText();
  }

  @Test
  void aFaithfulRelayPassesThePerfAndContextChecksLive(@TempDir Path dir) throws Exception {
    CliRunner r = run(null, dir, "--baseline", api.url().toString());
    JsonNode report = LiveModeTests.report(dir);
    assertThat(ReportSchema.validate(report)).isEmpty();
    for (String id : List.of("PERF-010", "PERF-020", "PERF-040", "CTX-010", "CTX-020", "CTX-040", "CTX-050")) {
      assertThat(status(report, id)).as(id + ": " + LiveModeTests.check(report, id).path("message") + "\n" + r.out()).isEqualTo("passed");
    }
    assertThat(status(report, "PERF-030")).isNotEqualTo("failed");
    // Twelve timing streams cannot judge a 1 % error rate: said so, not passed.
    assertThat(status(report, "PERF-050")).isEqualTo("inconclusive");
    assertThat(LiveModeTests.check(report, "CTX-030").path("message").asText()).contains("hermetic only");
    assertThat(report.path("metrics").path("context").path("recall").path("recalled").asText()).isEqualTo("3 of 3");
    JsonNode limit = report.path("metrics").path("context").path("limit");
    assertThat(limit.path("windowSource").asText()).isEqualTo("max_input_tokens of GET /v1/models");
    assertThat(limit.path("acceptedTokens").asLong()).isGreaterThan(180_000);
    // Sized by count_tokens (free); one billed request at the boundary.
    assertThat(limit.path("billedRequests").asInt()).isEqualTo(1);
    assertThat(report.path("metrics").path("context").path("largeRequest").path("countedBy").asText()).contains("count_tokens");
    assertThat(r.out()).contains("estimate:");
  }

  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(TimingDefect.TRIM_MIDDLE, "CTX-020", Map.of("CTX-020", "the relay trims, summarises or caps long context")),
        Arguments.of(TimingDefect.CAP_32K, "CTX-010,CTX-040",
            Map.of("CTX-010", "was not answered", "CTX-040", "well below the window")),
        Arguments.of(TimingDefect.DROP_DOCUMENT_MIDDLE, "CTX-050",
            Map.of("CTX-050", "the fact at 50 % depth was not recalled", "CTX-050 ", "part of the document never reached the model")),
        Arguments.of(TimingDefect.FIXED_LATENCY, "PERF-020", Map.of("PERF-020", "above --max-overhead-ms")));
  }

  @ParameterizedTest(name = "{0} fails {1} live")
  @MethodSource("defects")
  void aDefectiveRelayFailsItsCheckLive(TimingDefect defect, String checks, Map<String, String> messages, @TempDir Path dir)
      throws Exception {
    CliRunner r = run(defect, dir, "--check", checks, "--baseline", api.url().toString());
    JsonNode report = LiveModeTests.report(dir);
    messages.forEach((id, message) -> {
      assertThat(status(report, id.trim())).as(r.out()).isEqualTo("failed");
      assertThat(LiveModeTests.check(report, id.trim()).path("message").asText()).contains(message);
    });
  }

  /** A reference as recorded from the official API: twelve streamed short probes whose first token came after ~30 ms. */
  private static Path reference(Path dir) throws Exception {
    List<ProbeAnswer> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      answers.add(new ProbeAnswer(200, "text", List.of(), "end_turn", 10, 20, "msg_" + i, 25 + i, 300, List.of(), null));
    }
    new Reference(Reference.FORMAT, new Reference.Provenance(MODEL, "2026-01-01T00:00:00Z", "http://127.0.0.1", "test",
        ProbeSuite.VERSION, 1, 12), null, List.of(new Reference.Probe("open-story", ProbeFamily.OPEN, "{}", null, false, 10, answers)))
        .write(dir);
    return dir;
  }

  @ParameterizedTest(name = "{0}: PERF-020 {1} against a reference")
  @org.junit.jupiter.params.provider.CsvSource({"NONE, passed", "FIXED_LATENCY, failed"})
  void withoutABaselinePerf020ComparesWithTheReferencesRecordedTtft(String defect, String expected, @TempDir Path dir) throws Exception {
    Path ref = reference(dir.resolve("ref"));
    CliRunner r = run(defect.equals("NONE") ? null : TimingDefect.valueOf(defect), dir.resolve("report"), "--check", "PERF-020",
        "--reference", ref.toString());
    JsonNode report = LiveModeTests.report(dir.resolve("report"));
    JsonNode check = LiveModeTests.check(report, "PERF-020");
    assertThat(check.path("status").asText()).as(check.toString() + r.out()).isEqualTo(expected);
    JsonNode overhead = report.path("metrics").path("latency").path("overhead");
    assertThat(overhead.path("referenceSamples").asInt()).isEqualTo(12);
    assertThat(overhead.path("ratio").asDouble()).isPositive();
    if (expected.equals("failed")) assertThat(check.path("message").asText()).contains("slower than the reference", "Mann-Whitney");
  }

  @Test
  void theContextProbesAreInTheEstimateAndLeftOutVisiblyWhenTheBudgetCannotHoldThem(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("ANTHROPIC_API_KEY", TestRelay.CLIENT_KEY);
    CliRunner dry = LiveModeTests.live(api.url().toString(), dir, env, "--model", MODEL, "--profile", "context",
        "--max-cost-usd", "10", "--dry-run");
    assertThat(dry.out()).contains("CTX-010 ~180k-token request", "CTX-020 82-message conversation",
        "CTX-040 limit at the boundary", "CTX-050 recall at 10/50/90 % depth");
    int before = api.received().size();
    CliRunner small = LiveModeTests.live(api.url().toString(), dir, env, "--model", MODEL, "--profile", "context",
        "--max-cost-usd", "1");
    assertThat(small.out()).doesNotContain("CTX-010 ~180k");
    JsonNode report = LiveModeTests.report(dir);
    for (String id : List.of("CTX-010", "CTX-020", "CTX-040", "CTX-050")) {
      assertThat(status(report, id)).as(id).isEqualTo("skipped");
      assertThat(LiveModeTests.check(report, id).path("message").asText()).as(id)
          .contains("left out for the budget", "more than --max-cost-usd 1.00; run them with --max-cost-usd 3 or more");
    }
    // Nothing but the free model list was read.
    assertThat(api.received().subList(before, api.received().size())).extracting(StandInApi.Received::path)
        .containsOnly("/v1/models");
  }
}
