package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The billing audits' own requests are part of a live run's estimate (RunCheck.plannedSends):
 * with --balance the estimate grows by the audit's recorded conversations and the failing
 * requests, and --max-cost-usd refuses a run whose audit would exceed it.
 */
class BillingEstimateTests {
  private static final String KEY = "sk-ant-api03-fake0billing0estimate00000-AA";
  private static final List<Check> BILL = Catalog.all().stream().filter(c -> c.spec().area() == Area.BILL).toList();

  private static RunContext live(Map<String, String> settings) {
    Map<String, String> p = new HashMap<>(Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:9", TargetConfig.API_KEY, KEY));
    p.putAll(settings);
    return new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()), ScenarioCatalog.of(Recordings.bundled()),
        k -> Optional.ofNullable(p.get(k)));
  }

  private static double usd(RequestPlan plan) {
    return plan.costUsd(PriceTable.defaults(), new ArrayList<>());
  }

  @Test
  void theAuditsRequestsAreInTheEstimate() {
    RequestPlan without = RequestPlan.of(BILL, live(Map.of(EvidenceSettings.PRICE, "in=3,out=15")));
    RequestPlan with = RequestPlan.of(BILL, live(Map.of(EvidenceSettings.PRICE, "in=3,out=15", EvidenceSettings.BALANCE, "new-api")));

    List<String> audit = with.requests().stream().map(RequestPlan.Planned::scenario).filter(s -> s.startsWith("billing")).toList();
    assertThat(audit).contains("billing: failing requests").anyMatch(s -> s.startsWith("billing audit: "));
    // BILL-040 and BILL-060 share the balance audit: each of its requests is counted once.
    assertThat(audit).doesNotHaveDuplicates();
    assertThat(with.sends()).isGreaterThan(without.sends());
    assertThat(usd(with)).isGreaterThan(usd(without));
    System.out.printf(Locale.ROOT, "billing estimate: %d sends %.4f USD without --balance, %d sends %.4f USD with%n", without.sends(),
        usd(without), with.sends(), usd(with));
  }

  private static final java.util.regex.Pattern ESTIMATE = java.util.regex.Pattern.compile("about ([0-9.]+) USD at");

  private static List<String> args(boolean balance, String limit) {
    List<String> a = new ArrayList<>(List.of("run", "--base-url", "http://127.0.0.1:9", "--api-key", KEY, "--profile", "billing",
        "--price", "in=3,out=15", "--max-cost-usd", limit, "--dry-run"));
    if (balance) a.addAll(List.of("--balance", "new-api"));
    return a;
  }

  private static double printed(CliRunner r) {
    java.util.regex.Matcher m = ESTIMATE.matcher(r.out());
    assertThat(m.find()).as(r.out() + r.err()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void thePrintedEstimateGrowsByTheAuditAndMaxCostUsdRefusesWhenTheAuditExceedsIt() {
    CliRunner without = RunCommandTests.run(args(false, "5").toArray(String[]::new));
    CliRunner with = RunCommandTests.run(args(true, "5").toArray(String[]::new));
    assertThat(with.exitCode()).as(with.out() + with.err()).isZero();
    assertThat(with.out()).contains("billing audit: ", "billing: failing requests");
    double cheap = printed(without);
    double dear = printed(with);
    assertThat(dear).isGreaterThan(cheap);

    String limit = String.format(Locale.ROOT, "%.6f", (cheap + dear) / 2);
    CliRunner allowed = RunCommandTests.run(args(false, limit).toArray(String[]::new));
    CliRunner refused = RunCommandTests.run(args(true, limit).toArray(String[]::new));
    assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("exceeds --max-cost-usd");
  }
}
