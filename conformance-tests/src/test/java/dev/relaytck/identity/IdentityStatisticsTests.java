package dev.relaytck.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.standin.LanguageModel;
import dev.relaytck.standin.StandInModels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The statistics of the identity area on small synthetic samples: each piece proven both ways, in seconds. */
class IdentityStatisticsTests {
  static List<String> answers(LanguageModel m, String prompt, int n, SplittableRandom rng) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(OperatingCharacteristicsTests.answer(m, prompt, rng));
    return out;
  }

  static List<MmdTest.Samples> samples(LanguageModel ref, LanguageModel relay, double share, int n, long seed) {
    return OperatingCharacteristicsTests.simulate(ref, relay, share, n, new SplittableRandom(seed));
  }

  @Test
  void theKernelIsOneForIdenticalAnswersAndSeesLength() {
    HammingKernel k = new HammingKernel(8);
    assertThat(k.k(k.positions("a b c d"), k.positions("a b c d"))).isEqualTo(1.0);
    assertThat(k.k(k.positions("a b c d"), k.positions("a b"))).isEqualTo(0.75);
    assertThat(k.k(k.positions("a b c d e f g h"), k.positions("x y z w v u t s"))).isZero();
  }

  @Test
  void mmdTestRejectsAnotherFamilyAndNotTheSameModel() {
    LanguageModel alpha = StandInModels.alpha("a");
    MmdTest test = new MmdTest(new HammingKernel(), 500);
    assertThat(test.test(samples(alpha, StandInModels.gamma("g"), 1, 10, 1), 3).pValue()).isLessThanOrEqualTo(0.01);
    assertThat(test.test(samples(alpha, alpha, 0, 10, 2), 3).pValue()).isGreaterThan(0.01);
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    List<MmdTest.Samples> s = samples(StandInModels.alpha("a"), StandInModels.beta("b"), 0.5, 6, 9);
    MmdTest test = new MmdTest(new HammingKernel(), 200);
    assertThat(test.test(s, 5)).isEqualTo(test.test(s, 5));
  }

  @Test
  void powerFromTheReferenceReachesOneHalfAtTheDefaultSamples() {
    LanguageModel alpha = StandInModels.alpha("a");
    List<List<String>> ref = samples(alpha, alpha, 0, 10, 4).stream().map(MmdTest.Samples::reference).toList();
    PowerEstimate.Result r = new PowerEstimate(new HammingKernel(), 100, 200)
        .estimate(ref, 10, 0.01, PowerEstimate.SHORTER, PowerEstimate.SHORTER_DESCRIPTION, 1);
    System.out.println("power at 10 samples against " + r.alternative() + ": " + r.power());
    assertThat(r.power()).isGreaterThanOrEqualTo(0.5);
    PowerEstimate.Result few = new PowerEstimate(new HammingKernel(), 100, 200)
        .estimate(ref.stream().map(l -> l.subList(0, 4)).toList(), 4, 0.01, PowerEstimate.SHORTER, "", 1);
    assertThat(few.power()).isLessThan(r.power());
  }

  @Test
  void attributionFindsHalfSubstitutionAndNotAFaithfulRelay() {
    LanguageModel alpha = StandInModels.alpha("a");
    SampleAttribution a = new SampleAttribution(SampleAttribution.DEFAULT_QUANTILE);
    SampleAttribution.Result half = a.attribute(samples(alpha, StandInModels.beta("b"), 0.5, 10, 5), 0.95);
    assertThat(half.differs(0.01)).isTrue();
    assertThat(half.offFraction()).isBetween(0.25, 0.75);
    SampleAttribution.Result faithful = a.attribute(samples(alpha, alpha, 0, 10, 6), 0.95);
    assertThat(faithful.differs(0.01)).isFalse();
  }

  @Test
  void fisherExactIsSmallOnlyWhenTheRelayDoesWorse() {
    assertThat(FisherExact.lowerTail(10, 10, 2, 10)).isLessThan(0.01);
    assertThat(FisherExact.lowerTail(8, 10, 9, 10)).isGreaterThan(0.5);
    assertThat(FisherExact.lowerTail(0, 10, 0, 10)).isEqualTo(1.0);
  }

  @Test
  void probesAreWordedFromTheSeedAndCarryNoMarker() {
    List<RenderedProbe> a = ProbeSuite.render(1, "m");
    List<RenderedProbe> b = ProbeSuite.render(2, "m");
    assertThat(a).extracting(RenderedProbe::id).containsExactlyElementsOf(ProbeSuite.IDS);
    assertThat(ProbeSuite.render(1, "m")).isEqualTo(a);
    assertThat(a).anySatisfy(p -> assertThat(b.get(a.indexOf(p)).body()).isNotEqualTo(p.body()));
    assertThat(a).allSatisfy(p -> assertThat(p.body()).doesNotContain("relay-tck").doesNotContain("[["));
    ProbePlan plan = ProbePlan.of(a, 10, 3, "m");
    assertThat(plan.steps()).anyMatch(ProbePlan.Step::ordinary);
    assertThat(plan.probeRequests()).isEqualTo(3 + 11 * 10);
    // Interleaved: the first ten requests are not one probe's burst.
    assertThat(plan.steps().subList(0, 10).stream().map(s -> s.ordinary() ? "-" : s.probe().id()).distinct().count()).isGreaterThan(3);
  }

  @Test
  void anUnreadableReferenceSaysWhyAndHowToRecordOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Reference.read(dir))).hasMessageContaining("record one with");
    java.nio.file.Files.writeString(dir.resolve(Reference.FILE), "{\"format\":\"relay-tck-identity-reference/1\",\"provenance\":"
        + "{\"probeSuiteVersion\":" + ProbeSuite.VERSION + "},\"probes\":[{\"id\":\"x\"}]}");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Reference.read(dir))).hasMessageContaining("record it again");
    java.nio.file.Files.writeString(dir.resolve(Reference.FILE), "not json \u0000");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Reference.read(dir))).hasMessageContaining("cannot read");
  }

  @Test
  void theCatalogListsEveryProbe() {
    // relay-tck list and docs/checks.md show the probe suite through ID-010's requirement.
    assertThat(dev.relaytck.catalog.IdCheck.ID_010.spec().requirement()).contains(ProbeSuite.IDS).contains("v" + ProbeSuite.VERSION);
  }

  @Test
  void capabilityAnswersAreJudgedExactly() {
    RenderedProbe code = new RenderedProbe("code-output", ProbeFamily.CODE, "{}", "4", false);
    assertThat(AnswerJudge.succeeded(code, answer("4"))).isTrue();
    assertThat(AnswerJudge.succeeded(code, answer("14"))).isFalse();
    RenderedProbe kanji = new RenderedProbe("k", ProbeFamily.MULTILINGUAL, "{}", Kanji.of(47), false);
    assertThat(Kanji.of(47)).isEqualTo("四十七");
    assertThat(AnswerJudge.succeeded(kanji, answer("四十七"))).isTrue();
    RenderedProbe declines = new RenderedProbe("r", ProbeFamily.REFUSAL, "{}", "declines", false);
    assertThat(AnswerJudge.succeeded(declines, answer("I can't help with that."))).isTrue();
    assertThat(AnswerJudge.succeeded(declines, answer("Dear customer, please send your password"))).isFalse();
  }

  static ProbeAnswer answer(String text) {
    return new ProbeAnswer(200, text, List.of(), "end_turn", 1, 1, "msg_1", -1, 1, List.of(), null);
  }
}
