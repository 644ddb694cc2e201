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
import dev.relaytck.report.SecretLeakScanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code relay-tck run} end to end on loopback: the embedded self-check, a hermetic run against
 * a real replay upstream, relays (faithful and defective: the suite's own test relay) in front
 * of it, and every way the command must refuse before sending anything.
 */
class RunCommandTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A realistic bearer token, like the ones Claude Code sends from ANTHROPIC_AUTH_TOKEN. */
  private static final String BEARER_TOKEN = "relaytoken_9f8e7d6c5b4a39281706f5e4d3c2b1a0Zz";

  private static ReplayServer replay;

  @BeforeAll
  static void startReplay() {
    replay = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0.05));
  }

  @AfterAll
  static void stopReplay() {
    replay.close();
  }

  /** Runs the real command line in-process with the given environment (never the test JVM's own). */
  static CliRunner run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RelayTck(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K made = CommandLine.defaultFactory().create(cls);
        if (made instanceof RunCommand r) r.env = env;
        return made;
      }
    });
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = ExitCodes.execute(cli, args);
    return new CliRunner(code, out.toString(), err.toString());
  }

  static CliRunner run(String... args) {
    return run(Map.of("CI", "true"), args);
  }

  private static JsonNode report(Path dir) throws Exception {
    return JSON.readTree(dir.resolve("report.json").toFile());
  }

  private static List<String> failedIds(JsonNode report) {
    List<String> ids = new ArrayList<>();
    report.path("checks").forEach(c -> {
      if (c.path("status").asText().equals("failed")) ids.add(c.path("id").asText());
    });
    return ids;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private int served() {
    return replay.wireMock().getAllServeEvents().size();
  }

  @Test
  void selfCheckCertifiesTheEmbeddedReplayUpstreamAndWritesEveryReport(@TempDir Path dir) throws Exception {
    CliRunner r = run("run", "--report-dir", dir.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("self-check", "no cost", "certified: ");
    for (String file : List.of("report.json", "junit.xml", "report.html", "summary.md", "badge.svg")) {
      assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
    }
    JsonNode report = report(dir);
    assertThat(ReportSchema.validate(report)).as("report.json against schemas/kit/report.schema.json").isEmpty();
    assertThat(report.path("mode").asText()).isEqualTo("hermetic");
    assertThat(report.path("summary").path("passed").asInt()).isPositive();
    assertThat(failedIds(report)).isEmpty();
    // Every core MUST check passes on the replay upstream's own recordings and the faults it
    // injects (403, 429 with retry-after, a dropped stream, an error event): never failed, in
    // error, inconclusive, or skipped for want of a scenario. The only skips allowed are checks
    // not implemented yet; once there are none, core is certified.
    List<String> unimplemented = new ArrayList<>();
    report.path("checks").forEach(c -> {
      boolean coreMust = c.path("profile").asText().equals("core") && c.path("severity").asText().equals("MUST");
      if (coreMust && !c.path("status").asText().equals("passed")) {
        String what = c.path("id").asText() + ": " + c.path("status").asText() + " " + c.path("message").asText();
        assertThat(c.path("status").asText()).as(what).isEqualTo("skipped");
        if (c.path("skip").path("tolerated").asBoolean()) {
          // The embedded target is the upstream itself, a fact the runner passes as data: FAULT-020 cannot apply.
          assertThat(c.path("skip").path("basis").asText()).as(what).isEqualTo("self-check");
          assertThat(c.path("message").asText()).as(what).contains("the runner's self-check");
          return;
        }
        assertThat(c.path("message").asText()).as(what).isEqualTo(dev.relaytck.check.Evaluators.NOT_IMPLEMENTED);
        unimplemented.add(c.path("id").asText());
      }
    });
    for (String id : List.of("HDR-050", "ERR-040", "FAULT-010", "EVT-060", "ERR-110", "TOOL-020", "TOOL-040")) {
      assertThat(check(report, id).path("status").asText()).as(id).isEqualTo("passed");
    }
    assertThat(unimplemented).as("core MUST checks not implemented").isEmpty();
    if (unimplemented.isEmpty()) {
      assertThat(report.path("certified").toString()).contains("\"core\"");
      assertThat(r.out()).contains("certified: core");
    } else {
      assertThat(report.path("certified").toString()).doesNotContain("core");
      assertThat(r.out()).contains("certified: none");
    }
    // Passing runs keep the timing of every streamed scenario; exchanges are written for failures only.
    assertThat(report.path("metrics").path("streams").size()).isGreaterThanOrEqualTo(10);
    assertThat(Files.readString(dir.resolve("report.html"))).contains("Streaming timing", "Time to first event and total time");
    assertThat(dir.resolve("exchanges")).doesNotExist();
  }

  /**
   * A defective relay in front of the replay upstream: its failing checks name the exchange
   * behind them, exchanges/ holds each (request with the credential masked, response with every
   * SSE event and its arrival time, what the relay forwarded upstream), and report.html draws the
   * timing of every streamed scenario.
   */
  @Test
  void aDefectiveRelayRunWritesTheExchangesBehindItsFailuresAndTheTimingCharts(@TempDir Path dir) throws Exception {
    CliRunner r;
    try (TestRelay relay = new TestRelay(java.net.URI.create(replay.baseUrl()), EnumSet.of(Behaviour.APPEND_DONE, Behaviour.ERRORS_AS_502))) {
      r = run("run", "--base-url", relay.url().toString(), "--replay", replay.baseUrl(), "--api-key", TestRelay.CLIENT_KEY,
          "--check", "SSE-*,ERR-040,HDR-050", "--report-dir", dir.toString());
    }

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    JsonNode report = report(dir);
    assertThat(ReportSchema.validate(report)).isEmpty();
    assertThat(failedIds(report)).contains("SSE-040", "ERR-040");
    List<String> links = new ArrayList<>();
    report.path("checks").forEach(c -> c.path("scenarios").forEach(s -> {
      if (s.path("status").asText().equals("failed")) {
        assertThat(s.path("exchange").asText(null)).as(c.path("id").asText() + " " + s.path("id").asText()).isNotNull();
        links.add(s.path("exchange").asText());
      }
    }));
    assertThat(links).isNotEmpty();
    for (String link : links) assertThat(dir.resolve(link)).as(link).isNotEmptyFile();

    JsonNode forbidden = JSON.readTree(dir.resolve(scenarioLink(check(report, "ERR-040"), "error-403")).toFile());
    assertThat(forbidden.path("scenario").asText()).isEqualTo("error-403");
    assertThat(forbidden.path("request").path("body").asText()).contains(":fault=status=403]]");
    assertThat(forbidden.path("request").path("headers").path("x-api-key").get(0).asText()).isNotEqualTo(TestRelay.CLIENT_KEY);
    assertThat(forbidden.path("response").path("status").asInt()).isEqualTo(502);
    assertThat(forbidden.path("upstreamRequest").path("url").asText()).startsWith("/v1/messages");
    assertThat(forbidden.path("upstreamRequest").path("body").asText()).contains("fault=status=403");

    JsonNode stream = JSON.readTree(dir.resolve(scenarioLink(check(report, "SSE-040"), "text-stream")).toFile());
    JsonNode events = stream.path("response").path("events");
    assertThat(events.size()).isGreaterThan(3);
    assertThat(events.get(0).path("event").asText()).isEqualTo("message_start");
    assertThat(events.get(0).path("offsetMs").asDouble()).isPositive();
    assertThat(events.get(events.size() - 1).path("data").asText()).isEqualTo("[DONE]");
    assertThat(stream.path("response").path("body").asText()).contains("data: [DONE]");

    JsonNode streams = report.path("metrics").path("streams");
    assertThat(streams.size()).isPositive();
    JsonNode first = streams.get(0);
    JsonNode offsets = first.path("eventOffsetsMs");
    assertThat(offsets.size()).isEqualTo(first.path("events").asInt()).isPositive();
    assertThat(first.path("firstEventMs").asDouble()).isEqualTo(offsets.get(0).asDouble()).isPositive();
    // Offsets are rounded to 0.01 ms; the order of arrival is what matters here, not a speed.
    for (int i = 1; i < offsets.size(); i++) assertThat(offsets.get(i).asDouble()).isGreaterThanOrEqualTo(offsets.get(i - 1).asDouble());
    assertThat(first.path("totalMs").asDouble()).isGreaterThanOrEqualTo(offsets.get(offsets.size() - 1).asDouble() - 0.01);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("Streaming timing", "Time to first event and total time", "Event arrivals and inter-event gaps: text-stream");
    assertThat(new SecretLeakScanner(List.of(TestRelay.CLIENT_KEY)).scanDirectory(dir)).isEmpty();
  }

  private static JsonNode check(JsonNode report, String id) {
    for (JsonNode c : report.path("checks")) {
      if (c.path("id").asText().equals(id)) return c;
    }
    throw new AssertionError("no check " + id + " in report.json");
  }

  /** The exchanges/ link of a failing scenario of a check. */
  private static String scenarioLink(JsonNode check, String scenario) {
    for (JsonNode s : check.path("scenarios")) {
      if (s.path("id").asText().equals(scenario)) return s.path("exchange").asText();
    }
    throw new AssertionError(check.path("id").asText() + " has no scenario " + scenario + ": " + check);
  }

  @Test
  void hermeticRunTakesRecordingsAndTimeScaleFromTheReplayUpstream(@TempDir Path dir) throws Exception {
    CliRunner r = run("run", "--base-url", replay.baseUrl(), "--replay", replay.baseUrl(), "--api-key", "sk-ant-api03-fake0hermetic0run0key000000000-AA",
        "--check", "SSE-*,MSG-*,REQ-*", "--report-dir", dir.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("hermetic (replay upstream " + replay.baseUrl() + ", time scale 0.05)");
    JsonNode report = report(dir);
    assertThat(report.path("mode").asText()).isEqualTo("hermetic");
    assertThat(report.path("target").asText()).isEqualTo(replay.baseUrl());
    assertThat(report.path("metrics").path("run").path("timeScale").asDouble()).isEqualTo(0.05);
    assertThat(report.path("summary").path("passed").asInt()).isPositive();
  }

  @Test
  void anUnreachableTargetIsExitThreeWithOneLine(@TempDir Path dir) throws Exception {
    String url = "http://127.0.0.1:" + freePort();
    CliRunner r = run("run", "--base-url", url, "--api-key", "sk-ant-api03-fake0unreachable0key00000000-AA", "--report-dir", dir.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err().strip().lines()).singleElement().asString().startsWith("relay-tck run: cannot reach " + url);
    assertThat(dir.resolve("report.json")).doesNotExist();
  }

  @Test
  void anUnreachableReplayUpstreamIsExitThreeWithOneLine() throws Exception {
    String url = "http://127.0.0.1:" + freePort();
    CliRunner r = run("run", "--base-url", replay.baseUrl(), "--replay", url);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err().strip().lines()).singleElement().asString().contains("cannot reach the replay upstream at " + url);
  }

  @Test
  void badOptionsConfigFilesAndWaiversAreUsageErrors(@TempDir Path dir) throws Exception {
    Path unknownKey = Files.writeString(dir.resolve("unknown.yaml"), "base-url: http://127.0.0.1:9\nspeed: fast\n");
    Path notYaml = Files.writeString(dir.resolve("broken.yaml"), "base-url: [unclosed\n");
    Path secretInFile = Files.writeString(dir.resolve("secret.yaml"), "api-key: sk-ant-api03-fake0do0not0commit0me0000000-AA\n");
    Path unknownCheck = Files.writeString(dir.resolve("w1.yaml"), "- id: SSE-999\n  reason: no such check\n");
    Path noReason = Files.writeString(dir.resolve("w2.json"), "[{\"id\": \"SSE-010\"}]");
    Path badPrices = Files.writeString(dir.resolve("p.yaml"), "opus: {input: cheap}\n");

    List<List<String>> cases = List.of(
        List.of("run", "--no-such-option"),
        List.of("run", "--max-cost-usd", "lots"),
        List.of("run", "--config", unknownKey.toString()),
        List.of("run", "--config", notYaml.toString()),
        List.of("run", "--config", secretInFile.toString()),
        List.of("run", "--config", dir.resolve("missing.yaml").toString()),
        List.of("run", "--waivers", unknownCheck.toString()),
        List.of("run", "--waivers", noReason.toString()),
        List.of("run", "--prices", badPrices.toString(), "--dry-run"),
        List.of("run", "--profile", "nonsense"),
        List.of("run", "--check", "XYZ-*"),
        List.of("run", "--header", "no-colon-here"),
        List.of("run", "--base-url", "ftp://example.invalid/"),
        List.of("run", "--report-dir", badPrices.toString()),
        List.of("run", "--ca-cert", dir.resolve("missing.pem").toString(), "--dry-run"),
        List.of("run", "--ca-cert", notYaml.toString(), "--dry-run"));
    for (List<String> args : cases) {
      CliRunner r = run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("relay-tck").doesNotContain("Exception", "\tat ");
    }
    assertThat(run("run", "--config", secretInFile.toString()).err()).contains("api-key-env").doesNotContain("do0not0commit");
    assertThat(run("run", "--waivers", unknownCheck.toString()).err()).contains("no check SSE-999");
  }

  @Test
  void dryRunListsTheRequestsAndSendsNothing(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("ci.yaml"), "base-url: " + replay.baseUrl() + "\nreplay: " + replay.baseUrl()
        + "\ncheck: [SSE-*, MSG-*]\nreport-dir: out\n");
    int before = served();

    CliRunner r = run("run", "--config", config.toString(), "--dry-run");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("nothing was sent", "POST /v1/messages", "text-stream", "bytes");
    assertThat(served()).as("requests the replay upstream received").isEqualTo(before);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aLiveRunAboveTheCostLimitRefusesBeforeSendingAnything() {
    int before = served();

    CliRunner r = run("run", "--base-url", replay.baseUrl(), "--api-key", "sk-ant-api03-fake0live0run0key000000000000-AA", "--max-cost-usd", "0");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).contains("mode:        live", "estimate:", "USD");
    assertThat(r.err()).contains("refusing to start", "exceeds --max-cost-usd 0.00");
    // Only the free GET /v1/models that names the live model (docs/live.md) may come before the refusal: no message.
    int sent = served() - before;
    assertThat(sent).isLessThanOrEqualTo(1);
    assertThat(replay.wireMock().getAllServeEvents().subList(0, sent))
        .allSatisfy(e -> assertThat(e.getRequest().getUrl()).startsWith("/v1/models"));
  }

  @Test
  void noSecretReachesAnyReportOrTheConsoleEvenWhenTheRelayEchoesIt(@TempDir Path dir) throws Exception {
    String upstreamKey = upstreamKeyOfTheTestRelay();
    SecretLeakScanner scanner = new SecretLeakScanner(List.of(TestRelay.CLIENT_KEY, BEARER_TOKEN, upstreamKey));
    List<CliRunner> runs = new ArrayList<>();
    // The client's sk-ant key (and a token the run knows of), echoed back by the relay in a header.
    try (TestRelay relay = new TestRelay(java.net.URI.create(replay.baseUrl()), EnumSet.of(Behaviour.ECHO_KEY))) {
      runs.add(run("run", "--base-url", relay.url().toString(), "--replay", replay.baseUrl(), "--api-key", TestRelay.CLIENT_KEY,
          "--auth-token", BEARER_TOKEN, "--check", "AUTH-*,HDR-*,MSG-*,REQ-*", "--report-dir", dir.resolve("key").toString()));
    }
    // A bearer token from the environment, as Claude Code sends ANTHROPIC_AUTH_TOKEN, echoed back too.
    try (TestRelay relay = new TestRelay(java.net.URI.create(replay.baseUrl()), EnumSet.of(Behaviour.ECHO_KEY, Behaviour.ACCEPT_ANY_KEY))) {
      runs.add(run(Map.of("CI", "true", "ANTHROPIC_AUTH_TOKEN", BEARER_TOKEN), "run", "--base-url", relay.url().toString(),
          "--replay", replay.baseUrl(), "--check", "AUTH-*,HDR-*,MSG-*", "--report-dir", dir.resolve("token").toString()));
    }

    for (CliRunner r : runs) {
      assertThat(r.exitCode()).as("AUTH-050 fails: the relay echoes the credential\n" + r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(scanner.scanText(r.out(), "stdout")).isEmpty();
      assertThat(scanner.scanText(r.err(), "stderr")).isEmpty();
    }
    assertThat(failedIds(report(dir.resolve("key")))).contains("AUTH-050");
    assertThat(failedIds(report(dir.resolve("token")))).contains("AUTH-050");
    // The relay's own upstream key reached the replay upstream, where the journal shows it.
    assertThat(replay.wireMock().getAllServeEvents()).anyMatch(e -> upstreamKey.equals(e.getRequest().getHeader("x-api-key")));
    assertThat(scanner.scanDirectory(dir)).isEmpty();
  }

  @Test
  void diffOfAFaithfulRunAndADefectiveRunNamesTheRegressionsAndWaiversExcuseThem(@TempDir Path dir) throws Exception {
    String[] common = {"--replay", replay.baseUrl(), "--api-key", TestRelay.CLIENT_KEY, "--check", "SSE-*,MSG-*"};
    CliRunner baseline;
    try (TestRelay faithful = new TestRelay(java.net.URI.create(replay.baseUrl()), Set.of())) {
      baseline = run(concat(common, "--base-url", faithful.url().toString(), "--report-dir", dir.resolve("baseline").toString()));
    }
    CliRunner candidate;
    CliRunner waived;
    Path waivers = dir.resolve("waivers.yaml");
    try (TestRelay defective = new TestRelay(java.net.URI.create(replay.baseUrl()), EnumSet.of(Behaviour.APPEND_DONE))) {
      candidate = run(concat(common, "--base-url", defective.url().toString(), "--report-dir", dir.resolve("candidate").toString()));
      StringBuilder yaml = new StringBuilder();
      for (String id : failedIds(report(dir.resolve("candidate")))) {
        yaml.append("- id: ").append(id).append("\n  reason: the gateway appends [DONE] until ticket GW-42 ships\n");
      }
      Files.writeString(waivers, yaml.toString());
      waived = run(concat(common, "--base-url", defective.url().toString(), "--waivers", waivers.toString(),
          "--report-dir", dir.resolve("waived").toString()));
    }

    assertThat(baseline.exitCode()).as(baseline.out() + baseline.err()).isZero();
    assertThat(candidate.exitCode()).as(candidate.out()).isEqualTo(ExitCodes.FAILED);
    List<String> regressions = failedIds(report(dir.resolve("candidate")));
    assertThat(regressions).contains("SSE-040");

    CliRunner diff = run("diff", dir.resolve("baseline").resolve("report.json").toString(), dir.resolve("candidate").resolve("report.json").toString());
    assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(diff.out()).contains(regressions.toArray(String[]::new));

    assertThat(waived.exitCode()).as(waived.out() + waived.err()).isZero();
    JsonNode waivedReport = report(dir.resolve("waived"));
    waivedReport.path("checks").forEach(c -> {
      if (regressions.contains(c.path("id").asText())) {
        assertThat(c.path("waived").asBoolean()).as(c.path("id").asText()).isTrue();
        assertThat(c.path("waiver").asText()).contains("GW-42");
      }
    });
  }

  @Test
  void aKitFailureIsExitFourWithTheScrubbedStackTraceInALogFile(@TempDir Path dir) throws Exception {
    RunCommand command = new RunCommand();
    StringWriter err = new StringWriter();
    command.err = new PrintWriter(err, true);
    String key = "sk-ant-api03-fake0kit0failure0key0000000000-AA";

    int code = command.kitFailure(new IllegalStateException("evaluator broke on a body echoing " + key),
        dir.resolve("report"), new dev.relaytck.report.SecretScrubber(List.of(key)));

    Path log = dir.resolve("report").resolve(RunCommand.ERROR_LOG);
    assertThat(code).isEqualTo(ExitCodes.KIT_ERROR);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .contains("the kit itself failed", "IllegalStateException", log.toString()).doesNotContain(key);
    assertThat(Files.readString(log)).contains("IllegalStateException", "\tat ", "RunCommandTests").doesNotContain(key);
  }

  private static String[] concat(String[] common, String... more) {
    List<String> all = new ArrayList<>(List.of("run"));
    all.addAll(List.of(common));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** The test relay's own upstream credential (package-private there): read, not copied, so the two never drift. */
  private static String upstreamKeyOfTheTestRelay() throws Exception {
    Field f = TestRelay.class.getDeclaredField("UPSTREAM_KEY");
    f.setAccessible(true);
    return (String) f.get(null);
  }
}
