package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.relay.IdentityRelay;
import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.StandInModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The identity profile end to end on loopback: {@code record --profile identity} against the
 * stand-in official API writes a reference, {@code run --profile identity --reference} through a
 * faithful relay passes every ID check and draws the identity section, a relay serving the cheaper
 * sibling fails ID-030 (a SHOULD: exit 1 with --strict), the dry run's estimate at
 * the default samples stays under 0.50 USD at a Sonnet-class price, and {@code validate --json}
 * names the channel of a captured body.
 */
class IdentityCommandTests {
  static final String KEY = "test-fake-identity-cli-key";
  /** A Sonnet-class name, so the default price table prices it as such (the stand-in serves any name). */
  static final String MODEL = "standin-sonnet-class";
  /** Its cheaper sibling: the same words and tokenizer, solving the capability probes far less often. */
  static final String CHEAP = "standin-sonnet-class-cheap";
  static StandInApi official;
  @TempDir static Path dir;
  static Path reference;
  static String recordOutput;
  static int recordExit;

  @BeforeAll
  static void record() throws Exception {
    official = StandInApi.builder().model(StandInModels.capable(MODEL)).model(StandInModels.capableLite(CHEAP))
        .apiKey(KEY).seed(11).start();
    reference = dir.resolve("ref");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new RelayTck(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == RecordCommand.class ? type.cast(new RecordCommand(Map.of("ANTHROPIC_API_KEY", KEY)))
            : CommandLine.defaultFactory().create(type);
      }
    });
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    recordExit = ExitCodes.execute(cli, new String[] {"record", "--profile", "identity", "--upstream", official.url().toString(),
        "--model", MODEL, "--seed", "3", "--out", reference.toString()});
    recordOutput = out.toString();
  }

  @AfterAll
  static void stop() {
    if (official != null) official.close();
  }

  @Test
  void recordWritesAReferenceWithoutTheKey() throws Exception {
    assertThat(recordExit).as(recordOutput).isZero();
    assertThat(recordOutput).contains("estimate:").contains("reference.json");
    String json = Files.readString(reference.resolve("reference.json"));
    assertThat(json).doesNotContain(KEY).contains("relay-tck-identity-reference/1");
    JsonNode ref = new ObjectMapper().readTree(json);
    assertThat(ref.at("/provenance/samples").asInt()).isEqualTo(10);
    assertThat(ref.path("probes")).hasSize(14);
  }

  @Test
  void aFaithfulRelayPassesTheIdentityProfileAndTheReportShowsIt() throws Exception {
    try (IdentityRelay relay = new IdentityRelay(official.url(), IdentityRelay.Defect.NONE, null)) {
      Path report = dir.resolve("report");
      CliRunner r = RunCommandTests.run(Map.of("CI", "true"), "run", "--base-url", relay.url().toString(), "--api-key", KEY,
          "--profile", "identity", "--reference", reference.toString(), "--report-dir", report.toString());
      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
      for (JsonNode c : json.path("checks")) {
        if (c.path("id").asText().startsWith("ID-")) assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("passed");
      }
      assertThat(json.at("/metrics/identity/distribution/power").asDouble()).isGreaterThanOrEqualTo(0.5);
      assertThat(json.at("/metrics/identity/capabilities")).anySatisfy(f -> assertThat(f.path("power").asDouble()).isGreaterThanOrEqualTo(0.5));
      String html = Files.readString(report.resolve("report.html"));
      assertThat(html).contains("Model identity").contains("Output distribution");
      assertThat(html).doesNotContain(KEY);
      assertThat(Files.readString(report.resolve("summary.md"))).contains("Model identity").contains("Capability, multilingual details");
    }
  }

  @Test
  void aRelayServingTheCheaperSiblingFailsTheCapabilityCheck() throws Exception {
    try (IdentityRelay relay = new IdentityRelay(official.url(), IdentityRelay.Defect.SUBSTITUTE, CHEAP)) {
      Path report = dir.resolve("report-cheap");
      CliRunner r = RunCommandTests.run(Map.of("CI", "true"), "run", "--base-url", relay.url().toString(), "--api-key", KEY,
          "--profile", "identity", "--reference", reference.toString(), "--check", "ID-010,ID-030", "--strict",
          "--report-dir", report.toString());
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
      JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
      JsonNode id030 = null;
      for (JsonNode c : json.path("checks")) {
        if (c.path("id").asText().equals("ID-030")) id030 = c;
        if (c.path("id").asText().equals("ID-010")) assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("passed");
      }
      assertThat(id030).isNotNull();
      assertThat(id030.path("status").asText()).isEqualTo("failed");
      assertThat(id030.path("message").asText()).contains("differ from the reference").contains("Fisher one-sided p").contains("power");
      assertThat(id030.at("/evidence/families").toString()).contains("\"differs\":true");
    }
  }

  @Test
  void theDryRunEstimateAtDefaultSamplesIsUnderHalfADollar() {
    CliRunner r = RunCommandTests.run(Map.of("CI", "true"), "run", "--base-url", "http://127.0.0.1:9", "--api-key", KEY,
        "--profile", "identity", "--reference", reference.toString(), "--dry-run");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    Matcher m = Pattern.compile("about ([0-9.]+) USD").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    double usd = Double.parseDouble(m.group(1));
    System.out.printf(Locale.ROOT, "identity dry-run estimate at 10 samples: %.4f USD%n%s%n", usd, r.out());
    assertThat(usd).isLessThan(0.50);
    assertThat(r.out()).contains("identity probes");
  }

  @Test
  void validateJsonNamesTheChannel() throws Exception {
    Path bedrock = dir.resolve("bedrock.json");
    Files.writeString(bedrock, "{\"metrics\":{\"latencyMs\":532},\"output\":{\"message\":{\"content\":[{\"text\":\"EIGHT\"}],"
        + "\"role\":\"assistant\"}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":64,\"outputTokens\":5,\"totalTokens\":69}}");
    CliRunner r = CliRunner.run("validate", "--json", bedrock.toString());
    JsonNode line = new ObjectMapper().readTree(r.out().strip().split("\n")[0]);
    assertThat(line.path("channel").asText()).isEqualTo("bedrock");
    assertThat(line.path("signals").toString()).contains("Converse");
    assertThat(line.path("violations").size()).isGreaterThan(0);
  }
}
