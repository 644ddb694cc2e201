package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.format.SseBlocks;
import dev.relaytck.stream.JsonBodyValidator;
import dev.relaytck.stream.ResponseValidator;
import dev.relaytck.stream.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code relay-tck record} end to end against a stand-in upstream on loopback. */
class RecordCommandTests {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final long PAUSE_MS = 120;

  private final String key = fake("sk-ant-api03-", 93);
  private final String token = fake("sk-ant-oat01-", 93);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static String fake(String prefix, int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder(prefix);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  private int run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new RelayTck(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == RecordCommand.class ? type.cast(new RecordCommand(env)) : CommandLine.defaultFactory().create(type);
      }
    });
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return ExitCodes.execute(cli, args);
  }

  private String output() {
    return out + "\n" + err;
  }

  /** Every byte under dir, and the command's output, free of every secret the stand-in knew or sent. */
  private void assertNoSecretAnywhere(Path dir, List<String> secrets) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertThat(bytes).as("%s holds a secret", file).doesNotContain(secret);
      }
    }
    for (String secret : secrets) {
      assertThat(output()).doesNotContain(secret);
    }
  }

  private List<String> secrets() {
    return List.of(key, token, key.substring(13, 60), StandInUpstream.ORGANIZATION, StandInUpstream.WORKSPACE,
        StandInUpstream.COOKIE, "__cf_bm");
  }

  @Test
  void recordsStreamsAndBodiesTimedValidatingAndWithoutASingleSecretByte(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("recorded");
    try (StandInUpstream upstream = new StandInUpstream(key, null, PAUSE_MS)) {
      int code = run(Map.of("ANTHROPIC_API_KEY", key), "record", "--upstream", upstream.url(), "--out", out.toString(),
          "--scenarios", "text-stream,tool-use-stream,text-json,error-400,count-tokens", "--timeout", "20");

      assertThat(code).as(output()).isEqualTo(ExitCodes.OK);
      assertThat(out.toString()).isNotEmpty();
      assertThat(this.out.toString()).contains("recorded text-stream: 200, 7 events").contains("wrote 5 recording(s)");
      // The credential reached the upstream, with a marker naming the scenario in the last user message.
      assertThat(upstream.received).hasSize(5).allSatisfy(r -> assertThat(r.headers().get("X-api-key")).containsExactly(key));
      assertThat(upstream.received).anySatisfy(r -> assertThat(r.body()).containsPattern(
          "\"text\":\"Count from 1 to 3\\\\n\\\\n\\[\\[relay-tck:text-stream:[0-9a-f]{16}]]\""));
    }
    assertNoSecretAnywhere(dir, secrets());

    List<Recording> recorded = Recordings.load(out);
    assertThat(recorded).extracting(Recording::scenario)
        .containsExactly("count-tokens", "error-400", "text-json", "text-stream", "tool-use-stream");
    assertThat(Files.readString(out.resolve("index.txt"))).isEqualTo("count-tokens\nerror-400\ntext-json\ntext-stream\ntool-use-stream\n");
    Map<String, Recording> bundled = new java.util.HashMap<>();
    Recordings.bundled().forEach(r -> bundled.put(r.scenario(), r));
    for (Recording r : recorded) {
      assertThat(r.provenance().kind()).isEqualTo("captured-live");
      assertThat(r.provenance().timing()).isEqualTo("recorded");
      assertThat(r.provenance().capturedAt()).isNotBlank();
      assertThat(r.provenance().derivedFrom()).contains("recorded by relay-tck record").contains("http://127.0.0.1:");
      assertThat(r.request().body().toString()).doesNotContain("[[relay-tck:");
      assertThat(r.request().headers()).containsKey("anthropic-version").doesNotContainKeys("x-api-key", "authorization");
      assertThat(r.response().headers()).doesNotContainKeys("set-cookie", "anthropic-organization-id", "anthropic-workspace-id");
      assertThat(r.response().headers().get("x-debug-echo")).containsExactly("key=<redacted>");
      assertThat(r.response().status()).isEqualTo(bundled.get(r.scenario()).response().status());
      if (r.streaming()) {
        List<RecordedEvent> events = r.response().events();
        assertThat(events).hasSameSizeAs(bundled.get(r.scenario()).response().events());
        // The stand-in pauses 120 ms before every event; wide margins for a busy machine.
        for (int i = 1; i < events.size(); i++) {
          assertThat(events.get(i).offsetMs() - events.get(i - 1).offsetMs()).as("gap before event %d", i).isGreaterThanOrEqualTo(60);
        }
        assertThat(events.get(events.size() - 1).offsetMs()).isGreaterThanOrEqualTo((events.size() - 1) * 60L);
        ValidationReport report = new ResponseValidator().validateStream(SseBlocks.join(events));
        assertThat(report.failures()).as(r.scenario()).isEmpty();
        assertThat(report.message().path("model").asText()).isEqualTo(r.model());
      } else if (r.request().path().endsWith("/count_tokens")) {
        assertThat(new String(r.response().body(), StandardCharsets.UTF_8)).contains("\"input_tokens\"");
      } else {
        assertThat(new JsonBodyValidator().validate(r.response().body()).failures()).as(r.scenario()).isEmpty();
      }
    }
    Recording stream = recorded.get(3);
    String sse = new String(SseBlocks.join(stream.response().events()), StandardCharsets.UTF_8);
    String original = new String(SseBlocks.join(bundled.get("text-stream").response().events()), StandardCharsets.UTF_8);
    assertThat(original).contains("msg_011CeCGmCzjcUtmtEmMdEiM2");
    assertThat(sse).doesNotContain("msg_011CeCGmCzjcUtmtEmMdEiM2").containsPattern("\"id\":\"msg_01[A-Za-z0-9]{22}\"")
        .hasSameSizeAs(original).contains("\"text\":\"1\\n2\\n3\"}    }");
    assertThat(stream.response().headers().get("date")).containsExactly("Thu, 01 Jan 1970 00:00:00 GMT");
    assertThat(new String(recorded.get(1).response().body(), StandardCharsets.UTF_8)).contains("(sent with <redacted>)");
    assertThat(this.out.toString()).contains("error-400: 400").contains("echoed the credential");
  }

  @Test
  void aBearerTokenIsSentAsAuthorizationAndNeverWritten(@TempDir Path dir) throws IOException {
    try (StandInUpstream upstream = new StandInUpstream(null, token, 10)) {
      int code = run(Map.of("ANTHROPIC_AUTH_TOKEN", token), "record", "--upstream", upstream.url() + "/",
          "--out", dir.toString(), "--scenarios", "text-json,multi-turn");

      assertThat(code).as(output()).isEqualTo(ExitCodes.OK);
      assertThat(upstream.received).allSatisfy(r -> assertThat(r.headers().get("Authorization")).containsExactly("Bearer " + token));
      assertThat(upstream.received).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1/messages"));
    }
    assertNoSecretAnywhere(dir, secrets());
    assertThat(Recordings.load(dir)).hasSize(2);
  }

  @Test
  void samplesAreWrittenSideBySideWithoutOverwritingEachOther(@TempDir Path dir) throws IOException {
    try (StandInUpstream upstream = new StandInUpstream(key, null, 10)) {
      int code = run(Map.of("ANTHROPIC_API_KEY", key), "record", "--upstream", upstream.url(), "--out", dir.toString(),
          "--scenarios", "text-stream", "--samples", "3");

      assertThat(code).as(output()).isEqualTo(ExitCodes.OK);
      List<String> nonces = new ArrayList<>();
      upstream.received.forEach(r -> nonces.add(r.body().replaceAll("(?s).*\\[\\[relay-tck:text-stream:([0-9a-f]+)]].*", "$1")));
      assertThat(nonces).hasSize(3).doesNotHaveDuplicates();
    }
    assertThat(Recordings.load(dir)).extracting(Recording::scenario).containsExactly("text-stream");
    for (String sample : List.of("2", "3")) {
      List<Recording> loaded = Recordings.load(dir.resolve("samples").resolve(sample));
      assertThat(loaded).extracting(Recording::scenario).containsExactly("text-stream");
      assertThat(loaded.get(0).provenance().derivedFrom()).endsWith("sample " + sample + " of 3");
    }
    assertThat(out.toString()).contains("text-stream (sample 3)").contains("wrote 3 recording(s)");
    assertNoSecretAnywhere(dir, secrets());
  }

  @Test
  void modelOverridesSuccessfulScenariosButNotAnUnknownModelsError(@TempDir Path dir) {
    try (StandInUpstream upstream = new StandInUpstream(key, null, 0)) {
      int code = run(Map.of("ANTHROPIC_API_KEY", key), "record", "--upstream", upstream.url(), "--out", dir.toString(),
          "--scenarios", "text-json,error-404", "--model", "stand-in-model-7");

      assertThat(code).as(output()).isEqualTo(ExitCodes.OK);
      assertThat(upstream.received.get(1).body()).contains("\"model\":\"stand-in-model-7\"");
      assertThat(upstream.received.get(0).body()).doesNotContain("stand-in-model-7");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Recording textJson = Recordings.load(dir).get(1);
    assertThat(textJson.request().body().path("model").asText()).isEqualTo("stand-in-model-7");
    assertThat(textJson.provenance().derivedFrom()).contains("model set by --model");
  }

  @Test
  void aRefusedCredentialStopsAtTheFirstRequestAndWritesNothing(@TempDir Path dir) throws IOException {
    try (StandInUpstream upstream = new StandInUpstream("sk-ant-api03-another", null, 0)) {
      int code = run(Map.of("ANTHROPIC_API_KEY", key), "record", "--upstream", upstream.url(), "--out", dir.resolve("o").toString(),
          "--scenarios", "text-*");

      assertThat(code).isEqualTo(ExitCodes.FAILED);
      assertThat(upstream.received).hasSize(1);
      assertThat(out.toString()).contains("FAILED text-json: the upstream refused the credential (401 authentication_error)");
    }
    assertThat(dir.resolve("o")).doesNotExist();
    assertThat(output()).doesNotContain(key);
  }

  @Test
  void anotherStatusThanTheScenarioExpectsIsNotWrittenAndFailsTheRun(@TempDir Path dir) throws IOException {
    try (StandInUpstream upstream = new StandInUpstream(key, null, 0)) {
      upstream.overloaded = "text-json";
      int code = run(Map.of("ANTHROPIC_API_KEY", key), "record", "--upstream", upstream.url(), "--out", dir.toString(),
          "--scenarios", "text-json,system-prompt");

      assertThat(code).isEqualTo(ExitCodes.FAILED);
      assertThat(out.toString())
          .contains("FAILED text-json: the upstream answered 529 overloaded_error where the scenario expects 200; not written")
          .contains("recorded system-prompt");
    }
    assertThat(Recordings.load(dir)).extracting(Recording::scenario).containsExactly("system-prompt");
  }

  @Test
  void anUnreachableUpstreamIsOneClearLineAndExit3(@TempDir Path dir) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    int code = run(Map.of("ANTHROPIC_API_KEY", key), "record", "--upstream", "http://127.0.0.1:" + port,
        "--out", dir.toString(), "--scenarios", "text-json", "--timeout", "5");

    assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString().strip()).isEqualTo("relay-tck record: cannot reach the upstream http://127.0.0.1:" + port
        + ": connection refused");
    assertThat(output()).doesNotContain(key).doesNotContain("Exception");
  }

  @Test
  void badFlagsAndAMissingCredentialAreUsageErrors(@TempDir Path dir) throws IOException {
    Map<String, String> env = Map.of("ANTHROPIC_API_KEY", key);
    String up = "http://127.0.0.1:9";
    Path file = Files.writeString(dir.resolve("file"), "x");
    List<String[]> bad = List.of(
        new String[] {"record"},
        new String[] {"record", "--upstream", up, "--samples", "0"},
        new String[] {"record", "--upstream", up, "--samples", "many"},
        new String[] {"record", "--upstream", "ftp://example.invalid"},
        new String[] {"record", "--upstream", "http://user:pw@127.0.0.1:9"},
        new String[] {"record", "--upstream", up, "--scenarios", "text-strem"},
        new String[] {"record", "--upstream", up, "--scenarios", "error-529"},
        new String[] {"record", "--upstream", up, "--out", file.toString()},
        new String[] {"record", "--upstream", up, "--api-key", key},
        new String[] {"record", "--upstream", up, "--timeout", "0"},
        new String[] {"record", "--upstream", up + "/v1/"});
    for (String[] args : bad) {
      assertThat(run(env, args)).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
    }
    assertThat(run(Map.of(), "record", "--upstream", up)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("no credential: set ANTHROPIC_API_KEY").contains("unknown scenario 'text-strem'")
        .contains("Unknown options: '--api-key', '<hidden>'").contains("--samples must be between 1 and 100")
        .contains("--upstream is the base URL without /v1 (the kit adds /v1/messages): use --upstream " + up)
        .doesNotContain("Exception").doesNotContain(key);
  }
}
