package dev.relaytck.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.BillCheck;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.identity.Reference;
import dev.relaytck.identity.ReferenceRecorder;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.relay.BillingHarness;
import dev.relaytck.relay.BillingRelay;
import dev.relaytck.relay.BillingRelay.Mode;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.StandInModels;
import dev.relaytck.target.TargetClient;
import dev.relaytck.target.TargetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BILL-010 live, with and without an identity reference, through the billing test relay in front
 * of the stand-in official API: a relay that inflates usage and its own count_tokens alike agrees
 * with itself (passes without a reference, the documented limitation) and fails against the
 * reference's counts; the honest relay passes both ways.
 */
class BillingReferenceTests {
  static final String MODEL = "standin-alpha";
  static StandInApi official;
  static Path referenceDir;

  @BeforeAll
  static void recordReference() throws Exception {
    official = StandInApi.builder().model(StandInModels.alpha(MODEL)).apiKey(BillingRelay.UPSTREAM_KEY).seed(3).start();
    Map<String, String> p = Map.of(TargetConfig.BASE_URL, official.url().toString(), TargetConfig.API_KEY, BillingRelay.UPSTREAM_KEY,
        TargetConfig.MODEL, MODEL);
    TargetClient client = new TargetClient(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()));
    Reference ref = ReferenceRecorder.record(r -> client.send("record", r), MODEL, 1, 42, official.url().toString(), "test");
    referenceDir = Files.createTempDirectory("billing-reference");
    ref.write(referenceDir);
  }

  @AfterAll
  static void stop() {
    if (official != null) official.close();
  }

  /** BILL-010 on every scenario it applies to, live, through the relay in {@code mode}. */
  private static Map<String, Verdict> bill010(Mode mode, boolean withReference) throws Exception {
    try (BillingRelay relay = new BillingRelay(official.url(), mode, BillingHarness.PRICE, 0)) {
      Map<String, String> p = new HashMap<>(Map.of(TargetConfig.BASE_URL, relay.url().toString(), TargetConfig.API_KEY,
          TestRelay.CLIENT_KEY, TargetConfig.MODEL, MODEL));
      if (withReference) p.put(EvidenceSettings.REFERENCE, referenceDir.toString());
      RunContext run = new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()),
          ScenarioCatalog.forRun(Recordings.bundled().stream().filter(r -> r.scenario().equals("text-json")).toList()),
          k -> Optional.ofNullable(p.get(k)));
      Map<String, Verdict> out = new LinkedHashMap<>();
      for (Scenario s : run.scenarios().all()) {
        if (Evaluators.of(BillCheck.BILL_010).notApplicable(s, run).isEmpty()) out.put(s.id(), Evaluators.evaluate(BillCheck.BILL_010, s, run));
      }
      System.out.println(mode + (withReference ? " with" : " without") + " reference: " + out);
      assertThat(out).isNotEmpty();
      return out;
    }
  }

  @Test
  void inflatingUsageAndCountTokensTogetherPassesWithoutAReferenceAndFailsAgainstIt() throws Exception {
    Map<String, Verdict> alone = bill010(Mode.INFLATE_INPUT_AND_COUNT_TOKENS_1_2X, false);
    assertThat(alone.values()).allMatch(v -> v.outcome() == Outcome.PASSED);
    assertThat(alone.values()).allMatch(v -> v.message().contains("agrees with count_tokens"));

    Map<String, Verdict> against = bill010(Mode.INFLATE_INPUT_AND_COUNT_TOKENS_1_2X, true);
    Verdict v = against.values().iterator().next();
    assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(v.message()).contains("BILL-010", "for the reference's probes", "the official API counted", "1.2");
  }

  @Test
  void anHonestRelayAgreesWithTheReference() throws Exception {
    Map<String, Verdict> against = bill010(Mode.HONEST, true);
    assertThat(against.values()).allMatch(v -> v.outcome() == Outcome.PASSED);
    assertThat(against.values().iterator().next().message()).contains("usage agrees with the reference's counts");
    @SuppressWarnings("unchecked")
    Map<String, Object> ref = (Map<String, Object>) against.values().iterator().next().evidence().get("reference");
    assertThat(ref).containsEntry("state", "compared");
  }

  @Test
  void theReferenceProbesAreDeclaredForTheEstimateAndNoneIsALongContextOne() {
    Map<String, String> p = Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:9", TargetConfig.API_KEY, TestRelay.CLIENT_KEY,
        EvidenceSettings.REFERENCE, referenceDir.toString());
    RunContext run = new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()), ScenarioCatalog.forRun(java.util.List.of()),
        k -> Optional.ofNullable(p.get(k)));
    var planned = ReferenceCounts.plannedSends(run);
    assertThat(planned).hasSize(ReferenceCounts.MAX_PROBES);
    assertThat(planned).allMatch(s -> s.inputTokens() > 0 && s.inputTokens() <= ReferenceCounts.MAX_PROBE_TOKENS
        && s.outputTokens() == ReferenceCounts.MAX_TOKENS && s.model().equals(MODEL));
  }
}
