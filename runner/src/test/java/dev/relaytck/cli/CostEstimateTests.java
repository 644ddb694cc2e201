package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live-run estimate: tokens from the recordings' usage, prices by model family, and the proxy choice. */
class CostEstimateTests {
  private static Recording bundled(String scenario) {
    return Recordings.bundled().stream().filter(r -> r.scenario().equals(scenario)).findFirst().orElseThrow();
  }

  private static RunContext live(String model) {
    Map<String, String> p = new java.util.HashMap<>(Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:9", TargetConfig.API_KEY, "sk-ant-api03-estimate00000000-AA"));
    if (model != null) p.put(TargetConfig.MODEL, model);
    return new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()), ScenarioCatalog.of(Recordings.bundled()));
  }

  @Test
  void tokensComeFromTheUsageTheOfficialApiReportedForTheRecording() {
    long[] stream = RequestPlan.usage(bundled("text-stream"));
    long[] json = RequestPlan.usage(bundled("cache-read"));

    assertThat(stream[0]).as("input tokens of message_start").isPositive();
    assertThat(stream[3]).as("output tokens of message_delta").isPositive();
    assertThat(json[2]).as("cache_read_input_tokens").isPositive();
  }

  @Test
  void theEstimateCountsEveryPlannedRequestAtTheFamilyPrice() {
    RequestPlan plan = RequestPlan.of(Catalog.all(), live(null));
    List<String> unpriced = new ArrayList<>();

    double usd = plan.costUsd(PriceTable.defaults(), unpriced);

    assertThat(plan.requests()).extracting(RequestPlan.Planned::scenario).contains("text-stream", "count-tokens");
    assertThat(plan.sends()).isGreaterThanOrEqualTo(plan.requests().size());
    assertThat(plan.tokens()).isPositive();
    assertThat(usd).isPositive();
    assertThat(unpriced).isEmpty();
    // Ten times the price per token is ten times the estimate.
    PriceTable tenfold = new PriceTable(Map.of(PriceTable.ANY, PriceTable.Price.of(150, 750)));
    PriceTable base = new PriceTable(Map.of(PriceTable.ANY, PriceTable.Price.of(15, 75)));
    assertThat(plan.costUsd(tenfold, new ArrayList<>())).isCloseTo(10 * plan.costUsd(base, new ArrayList<>()), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theModelFlagIsPricedAndAModelNoFamilyCoversIsNamed() {
    RequestPlan plan = RequestPlan.of(Catalog.all(), live("claude-newfamily-9"));
    List<String> unpriced = new ArrayList<>();

    plan.costUsd(new PriceTable(Map.of("haiku", PriceTable.Price.of(1, 5))), unpriced);

    assertThat(plan.requests()).allMatch(p -> p.model().equals("claude-newfamily-9"));
    assertThat(unpriced).contains("claude-newfamily-9");
  }

  @Test
  void aPriceFileReplacesTheDefaults(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("prices.yaml"), "sonnet: {input: 2, output: 10, cache-read: 0.5}\n\"*\": {input: 20, output: 80}\n");

    PriceTable table = PriceTable.read(file);

    assertThat(table.of("claude-sonnet-x").input()).isEqualTo(2);
    assertThat(table.of("claude-sonnet-x").cacheRead()).isEqualTo(0.5);
    assertThat(table.of("claude-sonnet-x").cacheWrite()).isEqualTo(2.5);
    assertThat(table.of("something-else").output()).isEqualTo(80);
    assertThatThrownBy(() -> PriceTable.read(Files.writeString(dir.resolve("bad.yaml"), "opus: {input: -1, output: 2}\n")))
        .isInstanceOf(UsageException.class).hasMessageContaining("opus.input");
  }

  @Test
  void httpsProxyIsHonouredExceptForLoopbackAndNoProxyHosts() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "internal.corp,.lan");

    assertThat(ClientNetwork.proxyFor(URI.create("https://relay.example"), env)).isEqualTo(URI.create("http://proxy.corp:3128"));
    assertThat(ClientNetwork.proxyFor(URI.create("https://api.internal.corp"), env)).isNull();
    assertThat(ClientNetwork.proxyFor(URI.create("https://box.lan"), env)).isNull();
    assertThat(ClientNetwork.proxyFor(URI.create("https://127.0.0.1:8443"), env)).isNull();
    assertThat(ClientNetwork.proxyFor(URI.create("http://relay.example"), env)).as("HTTPS_PROXY is for https targets").isNull();
  }
}
