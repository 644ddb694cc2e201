package dev.relaytck.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.IdCheck;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.IdentityRelay;
import dev.relaytck.relay.IdentityRelay.Defect;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.SkilledModel;
import dev.relaytck.standin.StandInModels;
import dev.relaytck.target.TargetClient;
import dev.relaytck.target.TargetConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID checks both ways against the stand-in official API: a reference recorded from it, then
 * runs through a faithful relay and through relays that substitute a family, a cheaper sibling,
 * half the requests, forge signatures or cache answers. Each defect fails the check it exists for.
 * The reference model is the stand-in's capable one (alpha's answers, solving the capability
 * probes 90 % of the time), so ID-030 has evidence to judge.
 */
class IdentityChecksTests {
  static final String KEY = "test-fake-identity-key";
  static final String MODEL = "standin-alpha";
  /** The reference model's cheaper sibling: its words and tokenizer, solving capability probes much less often. */
  static final String CHEAP = "standin-alpha-cheap";
  static StandInApi official;
  static Path referenceDir;

  @BeforeAll
  static void recordReference() throws Exception {
    official = StandInApi.builder()
        .model(StandInModels.capable(MODEL))
        .model(StandInModels.capableLite(CHEAP))
        // As capable as the reference model, so that only its shorter, shifted answers tell it apart.
        .model(new SkilledModel(StandInModels.alphaLite("standin-alpha-lite"), 0.9))
        .model(StandInModels.beta("standin-beta"))
        .model(StandInModels.gamma("standin-gamma"))
        .apiKey(KEY).seed(7).start();
    TargetClient client = new TargetClient(config(official.url()));
    Reference ref = ReferenceRecorder.record(r -> client.send("record", r), MODEL, 10, 42, official.url().toString(), "test");
    referenceDir = Files.createTempDirectory("identity-reference");
    ref.write(referenceDir);
  }

  @AfterAll
  static void stop() {
    if (official != null) official.close();
  }

  static TargetConfig config(URI base) {
    Map<String, String> p = Map.of(TargetConfig.BASE_URL, base.toString(), TargetConfig.API_KEY, KEY, TargetConfig.MODEL, MODEL);
    return TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
  }

  static Map<IdCheck, Verdict> run(Defect defect, String substitute, Map<String, String> extra) throws Exception {
    try (IdentityRelay relay = new IdentityRelay(official.url(), defect, substitute)) {
      Map<String, String> settings = new HashMap<>(extra);
      settings.putIfAbsent(EvidenceSettings.REFERENCE, referenceDir.toString());
      settings.putIfAbsent(EvidenceSettings.SEED, "5");
      RunContext run = new RunContext(config(relay.url()), ScenarioCatalog.forRun(List.of()), k -> Optional.ofNullable(settings.get(k)));
      Map<IdCheck, Verdict> out = new EnumMap<>(IdCheck.class);
      for (IdCheck c : IdCheck.values()) {
        out.put(c, Evaluators.evaluateRun(Evaluators.runCheck(c).orElseThrow(), run));
      }
      assertThat(run.metrics()).containsKey("identity");
      return out;
    }
  }

  static void assertOutcome(Map<IdCheck, Verdict> v, Check c, Outcome o) {
    assertThat(v.get(c).outcome()).as(c.id() + ": " + v.get(c).message() + " " + v.get(c).evidence()).isEqualTo(o);
  }

  @Test
  void aFaithfulRelayPassesEveryIdCheck() throws Exception {
    Map<IdCheck, Verdict> v = run(Defect.NONE, null, Map.of());
    for (IdCheck c : IdCheck.values()) assertOutcome(v, c, Outcome.PASSED);
    assertThat(v.get(IdCheck.ID_020).evidence()).containsKeys("pValue", "power", "powerAgainst");
    assertThat(v.get(IdCheck.ID_030).evidence()).containsKeys("test", "powerAgainst", "families");
    assertThat(v.get(IdCheck.ID_030).message()).contains("multilingual details").contains("power");
    System.out.println("ID-030 faithful: " + v.get(IdCheck.ID_030).message()); // quoted in docs/identity.md
    assertThat(v.get(IdCheck.ID_040).evidence().get("channel")).isEqualTo("anthropic");
    assertThat(v.get(IdCheck.ID_040).evidence().get("signals").toString()).contains("remaining falls");
  }

  @Test
  void anotherFamilyFailsTokenCountsAndTheDistributionTest() throws Exception {
    Map<IdCheck, Verdict> v = run(Defect.SUBSTITUTE, "standin-gamma", Map.of(EvidenceSettings.SAMPLES, "5"));
    assertOutcome(v, IdCheck.ID_010, Outcome.FAILED);
    assertOutcome(v, IdCheck.ID_020, Outcome.FAILED);
    assertThat(v.get(IdCheck.ID_020).message()).contains("differ from the reference").doesNotContainIgnoringCase("fraud");
    assertOutcome(v, IdCheck.ID_080, Outcome.FAILED);
  }

  @Test
  void aCheaperSiblingWithAnotherTokenizerFailsTokenCounts() throws Exception {
    Map<IdCheck, Verdict> v = run(Defect.SUBSTITUTE, "standin-beta", Map.of(EvidenceSettings.SAMPLES, "5"));
    assertOutcome(v, IdCheck.ID_010, Outcome.FAILED);
    assertThat(v.get(IdCheck.ID_010).message()).contains("ratio");
    assertOutcome(v, IdCheck.ID_020, Outcome.FAILED);
  }

  @Test
  void aCheaperSiblingThatSolvesLessOftenFailsOnlyTheCapabilityCheck() throws Exception {
    // The default 10 samples: at 5 the failure is as clear (p < 1e-4) but no family reaches power 0.5.
    Map<IdCheck, Verdict> v = run(Defect.SUBSTITUTE, CHEAP, Map.of());
    assertOutcome(v, IdCheck.ID_030, Outcome.FAILED);
    Verdict id030 = v.get(IdCheck.ID_030);
    System.out.println("ID-030 with the cheaper sibling: " + id030.message()); // quoted in docs/identity.md
    assertThat(id030.message()).contains("differ from the reference").contains("Fisher one-sided p").contains("power")
        .doesNotContainIgnoringCase("fraud");
    assertThat(id030.violations()).isNotEmpty().allSatisfy(x -> assertThat(x.toString()).contains("n = "));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> families = (List<Map<String, Object>>) id030.evidence().get("families");
    assertThat(families).anySatisfy(f -> {
      assertThat(f.get("differs")).isEqualTo(true);
      assertThat((Double) f.get("pValue")).isLessThanOrEqualTo((Double) id030.evidence().get("threshold"));
      assertThat((Double) f.get("power")).isGreaterThanOrEqualTo(0.5);
    });
    // Same words and tokenizer as the reference model: token counts and open answers cannot see it.
    assertOutcome(v, IdCheck.ID_010, Outcome.PASSED);
    assertOutcome(v, IdCheck.ID_020, Outcome.PASSED);
  }

  @Test
  void halfTheRequestsSubstitutedShowInAttribution() throws Exception {
    Map<IdCheck, Verdict> v = run(Defect.HALF, "standin-beta", Map.of());
    assertOutcome(v, IdCheck.ID_080, Outcome.FAILED);
    assertThat(v.get(IdCheck.ID_080).message()).contains("differ from the reference").contains("Fisher p");
    // ID-020 sees a 50 % mix with power 0.83-0.90 at 10 samples (docs/identity.md): not asserted, it may pass.
    assertThat(v.get(IdCheck.ID_020).evidence()).containsKeys("pValue", "power");
  }

  @Test
  void theSubtleVariantKeepsTokenCountsSoOnlyTheDistributionTestCanSeeIt() throws Exception {
    // Same tokenizer: ID-010 cannot tell. ID-020 needs more samples than the default for it
    // (docs/identity.md: power 0.15 at 10, 0.40 at 20 samples per probe), so its outcome is not asserted here.
    Map<IdCheck, Verdict> v = run(Defect.SUBSTITUTE, "standin-alpha-lite", Map.of(EvidenceSettings.SAMPLES, "5"));
    assertOutcome(v, IdCheck.ID_010, Outcome.PASSED);
    assertThat(v.get(IdCheck.ID_020).evidence()).containsKeys("pValue", "power");
  }

  @Test
  void forgedSignaturesFailTheRoundTrip() throws Exception {
    Map<IdCheck, Verdict> v = run(Defect.FORGE_SIGNATURES, null, Map.of(EvidenceSettings.REFERENCE, "/nonexistent"));
    assertOutcome(v, IdCheck.ID_050, Outcome.FAILED);
    assertThat(v.get(IdCheck.ID_050).message()).contains("400");
  }

  @Test
  void cachedAnswersFailTheReplayCheck() throws Exception {
    Map<IdCheck, Verdict> v = run(Defect.CACHE, null, Map.of(EvidenceSettings.REFERENCE, "/nonexistent"));
    assertOutcome(v, IdCheck.ID_060, Outcome.FAILED);
    assertThat(v.get(IdCheck.ID_060).evidence()).containsKey("repeats");
  }

  @Test
  void withoutAReferenceTheComparisonsAreInconclusiveNeverPassed() throws Exception {
    Map<IdCheck, Verdict> v = run(Defect.NONE, null, Map.of(EvidenceSettings.REFERENCE, "/nonexistent"));
    for (IdCheck c : List.of(IdCheck.ID_010, IdCheck.ID_020, IdCheck.ID_030, IdCheck.ID_080)) {
      assertOutcome(v, c, Outcome.INCONCLUSIVE);
      assertThat(v.get(c).message()).contains("record one with");
    }
  }

  @Test
  void everyModelGetsItsOwnChannelRow() throws Exception {
    Map<String, String> models = Map.of(EvidenceSettings.REFERENCE, "/nonexistent", EvidenceSettings.MODELS, MODEL + ",standin-beta",
        EvidenceSettings.EXPECT_CHANNEL, "anthropic");
    Map<IdCheck, Verdict> faithful = run(Defect.NONE, "standin-beta", models);
    assertOutcome(faithful, IdCheck.ID_040, Outcome.PASSED);
    assertOutcome(faithful, IdCheck.ID_050, Outcome.PASSED);
    assertThat(faithful.get(IdCheck.ID_040).evidence().get("models").toString()).contains(MODEL).contains("standin-beta");
    Map<IdCheck, Verdict> split = run(Defect.BEDROCK_FOR, "standin-beta", models);
    assertOutcome(split, IdCheck.ID_040, Outcome.FAILED);
    assertThat(split.get(IdCheck.ID_040).message()).contains("standin-beta looks bedrock").doesNotContain(MODEL + " looks");
  }

  @Test
  void expectingAnotherChannelFailsId040() throws Exception {
    Map<IdCheck, Verdict> v = run(Defect.NONE, null, Map.of(EvidenceSettings.REFERENCE, "/nonexistent",
        EvidenceSettings.EXPECT_CHANNEL, "bedrock"));
    assertOutcome(v, IdCheck.ID_040, Outcome.FAILED);
    assertThat(v.get(IdCheck.ID_040).message()).contains("claims bedrock");
  }
}
