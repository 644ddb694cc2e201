package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.report.ReportSchema;
import dev.relaytck.standin.Pacing;
import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.StandInModels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live mode against the stand-in official API (its own models and stochastic text, no markers,
 * no injected faults, real errors for real causes): a faithful relay passes and is certified
 * (live) for what live can see; relays that buffer, swap the model, inflate usage or inject a
 * system prompt fail the check made for them; one cause gets one message.
 */
class LiveModeTests {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Model names of the stand-in: test code only. */
  static final String MODEL = "claude-standin-sonnet-1";
  static StandInApi api;

  @BeforeAll
  static void start() throws Exception {
    // Streams paced a few ms per delta: a long answer spreads over some hundred ms, as a real one does over seconds.
    api = StandInApi.builder()
        .model(StandInModels.gamma(MODEL).renamed(MODEL, 64_000, 200_000))
        .model(StandInModels.beta(TestRelay.CHEAPER_MODEL))
        .pacing(new Pacing(Duration.ofMillis(20), Duration.ofMillis(6)))
        .seed(7)
        .start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static CliRunner live(String baseUrl, Path dir, Map<String, String> env, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--base-url", baseUrl, "--report-dir", dir.toString()));
    args.addAll(List.of(extra));
    Map<String, String> e = new java.util.HashMap<>(env);
    e.put("CI", "true");
    return RunCommandTests.run(e, args.toArray(String[]::new));
  }

  static CliRunner live(TestRelay relay, Path dir, String... extra) {
    return live(relay.url().toString(), dir, Map.of("ANTHROPIC_API_KEY", TestRelay.CLIENT_KEY), extra);
  }

  static JsonNode report(Path dir) throws IOException {
    return JSON.readTree(dir.resolve("report.json").toFile());
  }

  static JsonNode check(JsonNode report, String id) {
    for (JsonNode c : report.path("checks")) {
      if (c.path("id").asText().equals(id)) return c;
    }
    throw new AssertionError("no check " + id);
  }

  static List<String> withStatus(JsonNode report, String status) {
    List<String> ids = new ArrayList<>();
    report.path("checks").forEach(c -> {
      if (c.path("status").asText().equals(status)) ids.add(c.path("id").asText() + ": " + c.path("message").asText());
    });
    return ids;
  }

  @Test
  void aFaithfulRelayPassesLiveAndIsCertifiedForWhatLiveCanSee(@TempDir Path dir) throws Exception {
    CliRunner r;
    int mark = api.received().size();
    // Transformations the protocol allows must pass too.
    try (TestRelay relay = new TestRelay(api.url(), EnumSet.of(Behaviour.CRLF, Behaviour.SSE_COMMENTS,
        Behaviour.RECASE_AND_ADD_HEADERS, Behaviour.GZIP_WHEN_ACCEPTED))) {
      r = live(relay, dir);
    }
    JsonNode report = report(dir);
    assertThat(withStatus(report, "failed")).as(r.out() + r.err()).isEmpty();
    assertThat(withStatus(report, "inconclusive")).isEmpty();
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(ReportSchema.validate(report)).isEmpty();
    assertThat(report.path("mode").asText()).isEqualTo("live");
    // The model came from the relay's /v1/models, its limit too; no recorded model name was requested.
    assertThat(r.out()).contains("model:       " + MODEL + " (the first Claude model of GET /v1/models; output limit 64000 from max_tokens");
    assertThat(api.received().subList(mark, api.received().size()).stream().map(StandInApi.Received::json).filter(j -> j != null && j.has("model"))
        .map(j -> j.path("model").asText()).distinct().toList())
        .containsOnly(MODEL, dev.relaytck.live.LiveRequests.UNKNOWN_MODEL);
    // Real errors by real causes pass; those only the upstream's state causes are skipped, saying so.
    for (String id : List.of("ERR-020", "ERR-030", "ERR-050", "ERR-060", "MSG-110", "MSG-120", "SSE-080", "THINK-010")) {
      assertThat(check(report, id).path("status").asText()).as(id + " " + check(report, id).path("message")).isEqualTo("passed");
    }
    for (String id : List.of("ERR-070", "ERR-080", "ERR-090", "ERR-110")) {
      assertThat(check(report, id).path("status").asText()).as(id).isEqualTo("skipped");
      assertThat(check(report, id).path("message").asText()).as(id).contains("cannot be provoked live");
    }
    Matcher m = Pattern.compile("CERTIFIED \\(live\\): core — (\\d+) of (\\d+) MUST checks observable live; the rest need --replay")
        .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isLessThan(Integer.parseInt(m.group(2))).isGreaterThan(30);
    JsonNode liveMetric = report.path("metrics").path("run").path("live");
    assertThat(liveMetric.path("certified").toString()).contains("core");
    assertThat(liveMetric.path("profiles").get(0).path("needHermetic").toString()).contains("REQ-010", "ERR-080");
    // Hermetic certification is unchanged: a live run does not claim it.
    assertThat(report.path("certified").toString()).doesNotContain("core");
  }

  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(Behaviour.BUFFER_STREAM, "SSE-080", "the stream arrived in one burst"),
        Arguments.of(Behaviour.INJECT_SYSTEM, "MSG-110", "the prompt the model saw differs from the request sent"),
        Arguments.of(Behaviour.SWAP_MODEL_QUIETLY, "MSG-110", "the prompt the model saw differs from the request sent"),
        Arguments.of(Behaviour.INFLATE_USAGE, "MSG-120", "claims more output than was delivered"));
  }

  @ParameterizedTest(name = "{0} fails {1} live")
  @MethodSource("defects")
  void aDishonestRelayFailsLiveWithTheCheckMadeForIt(Behaviour defect, String id, String message, @TempDir Path dir) throws Exception {
    CliRunner r;
    try (TestRelay relay = new TestRelay(api.url(), EnumSet.of(defect))) {
      r = live(relay, dir, "--model", MODEL, "--check", "SSE-080,MSG-110,MSG-120,MSG-040");
    }
    JsonNode report = report(dir);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(check(report, id).path("status").asText()).as(r.out()).isEqualTo("failed");
    assertThat(check(report, id).path("message").asText()).contains(id, message);
    // The echoed model name alone proves nothing: the quiet swap keeps it.
    if (defect == Behaviour.SWAP_MODEL_QUIETLY) assertThat(check(report, "MSG-040").path("status").asText()).isEqualTo("passed");
    assertThat(r.out()).contains("not certified (live): core");
  }

  @Test
  void theDryRunListsExactlyTheRequestsTheLiveRunSends(@TempDir Path dir) throws Exception {
    try (StandInApi official = StandInApi.builder().model(StandInModels.alpha(MODEL)).apiKey(TestRelay.CLIENT_KEY).start()) {
      Map<String, String> env = Map.of("ANTHROPIC_API_KEY", TestRelay.CLIENT_KEY);
      CliRunner dry = live(official.url().toString(), dir, env, "--dry-run");
      assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
      Matcher planned = Pattern.compile("estimate:\\s+(\\d+) requests").matcher(dry.out());
      assertThat(planned.find()).as(dry.out()).isTrue();
      assertThat(official.received()).extracting(StandInApi.Received::path).containsOnly("/v1/models");
      long before = official.requestCount();

      CliRunner run = live(official.url().toString(), dir, env);

      assertThat(run.out()).contains("estimate:    " + planned.group(1) + " requests");
      // Everything the run sent: the planned requests and the free GET /v1/models that named the model.
      assertThat(official.requestCount() - before).as(run.out()).isEqualTo(Long.parseLong(planned.group(1)) + 1);
    }
  }

  @Test
  void withoutAModelListTheDocumentedDefaultAndLimitsAreUsed(@TempDir Path dir) throws Exception {
    try (StandInApi bare = StandInApi.builder().model(StandInModels.alpha(MODEL)).withoutModelsEndpoint().start()) {
      CliRunner dry = live(bare.url().toString(), dir, Map.of("ANTHROPIC_API_KEY", "fake-key"), "--dry-run");
      assertThat(dry.out()).contains("model:       " + LiveModelChoice.DEFAULT_MODEL + " (the documented default (GET /v1/models answered 404)"
          + "; output limit 64000 from the documented table");
      CliRunner flagged = live(bare.url().toString(), dir, Map.of("ANTHROPIC_API_KEY", "fake-key"), "--dry-run",
          "--model", "claude-other-haiku-9", "--max-output-tokens", "1000");
      assertThat(flagged.out()).contains("model:       claude-other-haiku-9 (--model; output limit 1000 from --max-output-tokens)");
    }
  }

  @Test
  void aRunWithoutACredentialSaysSoInOneLine(@TempDir Path dir) throws Exception {
    CliRunner r;
    try (TestRelay relay = new TestRelay(api.url(), Set.of())) {
      r = live(relay.url().toString(), dir, Map.of(), "--model", MODEL, "--check", "MSG-*,SSE-010,SSE-020");
    }
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    List<String> causeLines = r.out().lines().filter(l -> l.startsWith("cause: ")).toList();
    assertThat(causeLines).containsExactly("cause: no credential configured and every request was refused with 401: set"
        + " ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN (or pass --api-key / --auth-token)");
    assertThat(r.out().indexOf("cause: ")).isLessThan(r.out().indexOf("MUST"));
    assertThat(report(dir).path("metrics").path("run").path("live").path("commonCause").asText()).startsWith("no credential");
  }

  @Test
  void tlsSpokenToAPlainHttpPortIsOneLineAndExit3(@TempDir Path dir) {
    CliRunner r = live("https://127.0.0.1:" + api.url().getPort(), dir, Map.of("ANTHROPIC_API_KEY", "fake-key"), "--model", MODEL);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err()).contains("answers plain HTTP on port " + api.url().getPort() + ", not TLS: use --base-url http://127.0.0.1:");
  }

  @ParameterizedTest(name = "reset={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aRelayThatClosesEveryConnectionIsOneLineAndExit3(boolean reset, @TempDir Path dir) throws Exception {
    try (ServerSocket closer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        while (!closer.isClosed()) {
          try (Socket s = closer.accept()) {
            if (reset) s.setSoLinger(true, 0);
          } catch (IOException e) {
            return;
          }
        }
      }, "closing-relay");
      t.setDaemon(true);
      t.start();
      CliRunner r = live("http://127.0.0.1:" + closer.getLocalPort(), dir, Map.of("ANTHROPIC_API_KEY", "fake-key"),
          "--model", MODEL, "--check", "MSG-*");
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
      assertThat(r.err()).contains("127.0.0.1:" + closer.getLocalPort()).containsAnyOf("closed every one", "Connection reset");
    }
  }
}
