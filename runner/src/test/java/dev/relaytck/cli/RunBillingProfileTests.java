package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.BillingHarness;
import dev.relaytck.relay.BillingRelay;
import dev.relaytck.relay.BillingRelay.Mode;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.report.SecretLeakScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-tck run --profile billing --price ... --balance new-api} against the billing test
 * relay in each mode: the right verdict per check, the effective price in every report format,
 * and the balance API's credential nowhere on disk or on the console.
 */
class RunBillingProfileTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ReplayServer replay;

  @BeforeAll
  static void startReplay() {
    replay = BillingHarness.startReplay();
  }

  @AfterAll
  static void stopReplay() {
    replay.close();
  }

  private record Run(CliRunner cli, JsonNode report, Map<String, String> status, Path dir) {}

  private static Run run(Mode mode, Path dir, long bookDelayMs) throws Exception {
    return run(mode, dir, bookDelayMs, 200);
  }

  private static Run run(Mode mode, Path dir, long bookDelayMs, long settleMs) throws Exception {
    try (BillingRelay relay = new BillingRelay(java.net.URI.create(replay.baseUrl()), mode, BillingHarness.PRICE, bookDelayMs)) {
      List<String> args = new java.util.ArrayList<>(List.of("run", "--base-url", relay.url().toString(), "--replay", replay.baseUrl(),
          "--api-key", TestRelay.CLIENT_KEY, "--profile", "billing", "--price", BillingHarness.PRICE_FLAG, "--balance", "new-api",
          "--balance-token", BillingRelay.DASHBOARD_TOKEN, "--balance-header", "New-Api-User:" + BillingRelay.USER_ID,
          "--billing-settle-ms", Long.toString(settleMs), "--report-dir", dir.toString()));
      CliRunner cli = RunCommandTests.run(args.toArray(String[]::new));
      if (!Files.exists(dir.resolve("report.json"))) throw new AssertionError("no report: exit " + cli.exitCode() + " " + cli.err());
      JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
      Map<String, String> status = new LinkedHashMap<>();
      report.path("checks").forEach(c -> {
        if (c.path("id").asText().startsWith("BILL-")) status.put(c.path("id").asText(), c.path("status").asText());
      });
      System.out.println(mode + ": exit " + cli.exitCode() + " " + status + " ratio "
          + report.path("metrics").path("billing").path("audit").path("ratio"));
      return new Run(cli, report, status, dir);
    }
  }

  private static Map<String, String> expected(String failing) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String id : List.of("BILL-010", "BILL-020", "BILL-030", "BILL-040", "BILL-050", "BILL-060")) {
      m.put(id, id.equals(failing) ? "failed" : "passed");
    }
    return m;
  }

  @Test
  void anHonestRelayCertifiesTheBillingProfileAndEveryReportShowsTheEffectivePrice(@TempDir Path dir) throws Exception {
    Run r = run(Mode.HONEST, dir, 0);
    assertThat(r.cli().exitCode()).as(r.cli().err()).isZero();
    assertThat(r.status()).isEqualTo(expected(null));
    assertThat(r.report().path("certified").toString()).contains("billing");
    JsonNode billing = r.report().path("metrics").path("billing");
    assertThat(billing.path("audit").path("ratio").asDouble()).isBetween(0.99, 1.01);
    assertThat(billing.path("effective").path("usdPerMillion").path("input").asDouble()).isPositive();
    assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"billing\"").contains("effective (charged)")
        .contains("<svg class=\"billing-bar\"");
    assertThat(Files.readString(dir.resolve("summary.md"))).contains("### Billing").contains("Effective price (charged)")
        .contains("Cancelled stream").contains("cancelled after its first content delta");
    assertThat(billing.path("cancelledStream").path("state").asText()).isEqualTo("measured");
    if (Boolean.getBoolean("relaytck.printSample")) System.out.println(Files.readString(dir.resolve("summary.md")));
    assertThat(dev.relaytck.report.ReportSchema.validate(r.report())).isEmpty();
  }

  @Test
  void eachBillingDefectFailsExactlyItsCheckAndTheBalanceTokenReachesNoFileNorTheConsole(@TempDir Path dir) throws Exception {
    Map<Mode, String> defects = new LinkedHashMap<>();
    defects.put(Mode.OVERCHARGE_1_5X, "BILL-040");
    defects.put(Mode.INFLATE_INPUT_1_2X, "BILL-010");
    defects.put(Mode.CACHE_READS_AS_WRITES, "BILL-030");
    defects.put(Mode.CHARGE_FAILED, "BILL-050");
    defects.put(Mode.CANCELLED_STREAM_IN_FULL, "BILL-050");
    SecretLeakScanner scanner = new SecretLeakScanner(List.of(BillingRelay.DASHBOARD_TOKEN, TestRelay.CLIENT_KEY));
    for (Map.Entry<Mode, String> d : defects.entrySet()) {
      Run r = run(d.getKey(), dir.resolve(d.getKey().name()), 0);
      assertThat(r.status()).as(d.getKey().name()).isEqualTo(expected(d.getValue()));
      // The balance API was asked with its token (the audit measured), and the token is in no file and not on the console.
      assertThat(r.report().path("metrics").path("billing").path("audit").path("state").asText()).isEqualTo("measured");
      assertThat(scanner.scanDirectory(r.dir())).as(d.getKey().name()).isEmpty();
      assertThat(scanner.scanText(r.cli().out() + r.cli().err(), "console")).as(d.getKey().name()).isEmpty();
      // A MUST failure fails the run; BILL-050 is a SHOULD.
      assertThat(r.cli().exitCode()).as(d.getKey().name()).isEqualTo(d.getValue().equals("BILL-050") ? 0 : 1);
    }
  }

  @Test
  void asynchronousBookingPassesThanksToTheSettleRead(@TempDir Path dir) throws Exception {
    Run r = run(Mode.ASYNC_BOOKING, dir, 100, 500);
    assertThat(r.status()).isEqualTo(expected(null));
  }

  @Test
  void aMalformedPriceOrBalanceIsAUsageError(@TempDir Path dir) {
    CliRunner bad = RunCommandTests.run("run", "--base-url", replay.baseUrl(), "--replay", replay.baseUrl(), "--profile", "billing",
        "--price", "in=3", "--report-dir", dir.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--price needs at least in=X,out=Y");
    CliRunner source = RunCommandTests.run("run", "--base-url", replay.baseUrl(), "--replay", replay.baseUrl(), "--profile", "billing",
        "--balance", "somewhere", "--report-dir", dir.toString());
    assertThat(source.exitCode()).isEqualTo(2);
    assertThat(source.err()).contains("expected new-api");
    // picocli echoes every option of the group on a usage error: the balance credential must not be among them.
    CliRunner twice = RunCommandTests.run("run", "--base-url", replay.baseUrl(), "--profile", "billing",
        "--balance-token", BillingRelay.DASHBOARD_TOKEN, "--balance", "new-api", "--billing-settle-ms", "1", "--billing-settle-ms", "2");
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(new SecretLeakScanner(List.of(BillingRelay.DASHBOARD_TOKEN)).scanText(twice.out() + twice.err(), "console")).isEmpty();
  }

  @Test
  void everyBillingOptionCanComeFromAConfigFileButNeverTheBalanceToken(@TempDir Path dir) throws Exception {
    try (BillingRelay relay = new BillingRelay(java.net.URI.create(replay.baseUrl()), Mode.OVERCHARGE_1_5X, BillingHarness.PRICE, 0)) {
      Path config = Files.writeString(dir.resolve("billing.yaml"), "base-url: " + relay.url() + "\nreplay: " + replay.baseUrl()
          + "\nprofile: billing\ncheck: [BILL-040]\nprice: {in: 3, out: 15, cache_write: 3.75, cache_read: 0.3}\ncurrency-rate: 1"
          + "\nbalance: new-api\nbalance-token-env: NEWAPI_ACCESS_TOKEN\nbalance-header: [\"New-Api-User:" + BillingRelay.USER_ID + "\"]"
          + "\nbilling-tolerance: 0.02\nbilling-settle-ms: 100\nreport-dir: out\n");
      CliRunner cli = RunCommandTests.run(Map.of("ANTHROPIC_API_KEY", TestRelay.CLIENT_KEY, "NEWAPI_ACCESS_TOKEN", BillingRelay.DASHBOARD_TOKEN),
          "run", "--config", config.toString());
      JsonNode report = JSON.readTree(dir.resolve("out/report.json").toFile());
      JsonNode audit = report.path("metrics").path("billing").path("audit");
      // The file's balance settings read the balance (measured), its price judged the 1.5x overcharge.
      assertThat(audit.path("state").asText()).as(cli.err()).isEqualTo("measured");
      assertThat(audit.path("ratio").asDouble()).isBetween(1.45, 1.55);
      assertThat(cli.exitCode()).isEqualTo(1);
      assertThat(new SecretLeakScanner(List.of(BillingRelay.DASHBOARD_TOKEN)).scanDirectory(dir.resolve("out"))).isEmpty();
    }
    Path tokenInFile = Files.writeString(dir.resolve("token.yaml"), "balance: new-api\nbalance-token: " + BillingRelay.DASHBOARD_TOKEN + "\n");
    CliRunner refused = RunCommandTests.run("run", "--config", tokenInFile.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("'balance-token' does not belong in a file", "balance-token-env")
        .doesNotContain(BillingRelay.DASHBOARD_TOKEN);
    Path unsetEnv = Files.writeString(dir.resolve("env.yaml"), "balance: new-api\nbalance-token-env: NO_SUCH_VARIABLE_SET\n");
    CliRunner missing = RunCommandTests.run(Map.of(), "run", "--config", unsetEnv.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("NO_SUCH_VARIABLE_SET");
  }
}
