package dev.relaytck.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.Verdict;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.BillingHarness;
import dev.relaytck.relay.BillingRelay;
import dev.relaytck.relay.BillingRelay.Mode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every billing mode of the test relay, hermetic against the real replay upstream: the honest
 * and the discounted relay pass every BILL check, asynchronous booking passes thanks to the
 * settle read, and each defect fails exactly its check.
 */
class BillingModesTests {
  private static dev.relaytck.recordings.replay.ReplayServer replay;

  @org.junit.jupiter.api.BeforeAll
  static void startReplay() {
    replay = BillingHarness.startReplay();
  }

  @org.junit.jupiter.api.AfterAll
  static void stopReplay() {
    replay.close();
  }

  private static Map<String, Map<String, Verdict>> run(Mode mode, Price relayPrice, long bookDelayMs, Map<String, String> settings)
      throws Exception {
    try (BillingHarness h = new BillingHarness(replay, mode, relayPrice, bookDelayMs, settings)) {
      Map<String, Map<String, Verdict>> results = h.evaluate();
      Verdict audit = results.get("BILL-040").get("(run)");
      System.out.println(mode + ": BILL-040 " + audit.outcome() + " ratio " + audit.evidence().get("ratio") + "; BILL-060 "
          + results.get("BILL-060").get("(run)").message());
      return results;
    }
  }

  /** BILL-020 and BILL-030 judged as in a live run (the replay upstream only answers). */
  private static Map<String, Map<String, Verdict>> live(Mode mode) throws Exception {
    try (BillingHarness h = new BillingHarness(replay, mode, BillingHarness.PRICE, 0, Map.of(BillingHarness.LIVE, "true"))) {
      return h.evaluate(Set.of("BILL-020", "BILL-030"));
    }
  }

  private static Map<String, Map<String, Verdict>> run(Mode mode) throws Exception {
    return run(mode, BillingHarness.PRICE, 0, Map.of());
  }

  private static void assertOnlyFails(Map<String, Map<String, Verdict>> results, String... ids) {
    Map<String, String> bad = BillingHarness.notPassed(results);
    assertThat(bad.keySet()).as(bad.toString()).isEqualTo(Set.of(ids));
    for (String id : ids) {
      assertThat(results.get(id).values()).as(id).anyMatch(v -> v.outcome() == Outcome.FAILED && v.message().contains(id));
    }
    // Every check observed something: none of them only skipped.
    for (String id : new String[] {"BILL-010", "BILL-020", "BILL-030", "BILL-040", "BILL-050", "BILL-060"}) {
      assertThat(results.get(id).values()).as(id).anyMatch(v -> v.outcome() != Outcome.SKIPPED);
    }
  }

  @Test
  void anHonestRelayPassesEveryCheck() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.HONEST);
    assertOnlyFails(r);
    Verdict audit = r.get("BILL-040").get("(run)");
    assertThat(audit.outcome()).isEqualTo(Outcome.PASSED);
    assertThat((double) audit.evidence().get("ratio")).isBetween(0.99, 1.01);
    assertThat(r.get("BILL-060").get("(run)").evidence()).containsKeys("usdPerMillion", "listUsdPerMillion", "typicalHour");
    // The stream cancelled after its first content delta was judged, and cost no more than what was delivered.
    @SuppressWarnings("unchecked")
    Map<String, Object> cancel = (Map<String, Object>) r.get("BILL-050").get("(run)").evidence().get("cancelledStream");
    System.out.println("HONEST cancelled stream: " + cancel);
    assertThat(cancel).containsEntry("state", "measured").containsEntry("streamCompleteBeforeCancel", false);
    assertThat((double) cancel.get("chargedUsd")).isLessThanOrEqualTo((double) cancel.get("allowedUsd"))
        .isLessThan((double) cancel.get("wholeAnswerUsd"));
  }

  @Test
  void aRelayHonestAtADiscountPasses() throws Exception {
    Price half = BillingHarness.PRICE.times(0.5);
    Map<String, Map<String, Verdict>> r = run(Mode.HONEST, half, 0,
        Map.of(EvidenceSettings.PRICE, "in=1.5,out=7.5,cache_write=1.875,cache_read=0.15"));
    assertOnlyFails(r);
    Verdict effective = r.get("BILL-060").get("(run)");
    assertThat((double) effective.evidence().get("ratioToList")).isLessThan(1.0);
  }

  @Test
  void anOverchargeFailsOnlyTheBalanceAudit() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.OVERCHARGE_1_5X);
    assertOnlyFails(r, "BILL-040");
    Verdict audit = r.get("BILL-040").get("(run)");
    assertThat((double) audit.evidence().get("ratio")).isBetween(1.45, 1.55);
    assertThat(audit.message()).contains("charged more than the advertised price");
  }

  @Test
  void inflatedInputUsageFailsOnlyInputHonesty() throws Exception {
    assertOnlyFails(run(Mode.INFLATE_INPUT_1_2X), "BILL-010");
  }

  @Test
  void inflatedInputAndCountTokensStillFailInputHonestyAgainstTheRecording() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.INFLATE_INPUT_AND_COUNT_TOKENS_1_2X);
    assertOnlyFails(r, "BILL-010");
    assertThat(r.get("BILL-010").get("count-tokens").outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.get("BILL-010").get("count-tokens").message()).contains("1.21 times as many");
  }

  @Test
  void inflatedOutputUsageFailsOnlyOutputPlausibility() throws Exception {
    assertOnlyFails(run(Mode.INFLATE_OUTPUT_2X), "BILL-020");
  }

  @Test
  void cacheReadsReportedAsWritesFailOnlyCacheAccounting() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.CACHE_READS_AS_WRITES);
    assertOnlyFails(r, "BILL-030");
    assertThat(r.get("BILL-030").get("cache-read").message()).contains("reports them as a cache write");
  }

  @Test
  void chargingFailedRequestsFailsOnlyTheFailedRequestCheck() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.CHARGE_FAILED);
    assertOnlyFails(r, "BILL-050");
    assertThat(r.get("BILL-050").get("(run)").message()).contains("failed requests were charged");
  }

  @Test
  void aCancelledStreamBilledInFullFailsOnlyTheFailedRequestCheck() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.CANCELLED_STREAM_IN_FULL);
    assertOnlyFails(r, "BILL-050");
    Verdict v = r.get("BILL-050").get("(run)");
    assertThat(v.message()).contains("a cancelled stream was charged beyond what was delivered").doesNotContain("failed requests were charged");
    @SuppressWarnings("unchecked")
    Map<String, Object> cancel = (Map<String, Object>) v.evidence().get("cancelledStream");
    assertThat(cancel).containsEntry("state", "measured").containsEntry("streamCompleteBeforeCancel", false);
    System.out.println("CANCELLED_STREAM_IN_FULL cancelled stream: " + cancel);
    assertThat((double) cancel.get("chargedUsd")).isGreaterThan((double) cancel.get("allowedUsd"));
  }

  @Test
  void asynchronousBookingPassesThanksToTheSettleRead() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.ASYNC_BOOKING, BillingHarness.PRICE, 150,
        Map.of(EvidenceSettings.BILLING_SETTLE_MS, "700"));
    assertOnlyFails(r);
    assertThat(r.get("BILL-040").get("(run)").message()).contains("asynchronous booking");
  }

  @Test
  void withoutTheSettleReadAsynchronousBookingLooksLikeUndercharging() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.ASYNC_BOOKING, BillingHarness.PRICE, 5000,
        Map.of(EvidenceSettings.BILLING_SETTLE_MS, "0"));
    assertThat(r.get("BILL-040").get("(run)").outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.get("BILL-040").get("(run)").message()).contains("charged less");
  }

  @Test
  void theOpenAiPresetReadsTheDashboardWithTheApiKey() throws Exception {
    Map<String, Map<String, Verdict>> r = run(Mode.OVERCHARGE_1_5X, BillingHarness.PRICE, 0,
        Map.of(EvidenceSettings.BALANCE, "openai", EvidenceSettings.BALANCE_TOKEN, ""));
    assertThat(r.get("BILL-040").get("(run)").outcome()).isEqualTo(Outcome.FAILED);
    assertThat((double) r.get("BILL-040").get("(run)").evidence().get("ratio")).isBetween(1.45, 1.55);
  }

  @Test
  void liveTheRepeatedPrefixMustBeReadAndOutputMustFitTheRecordedBand() throws Exception {
    Map<String, Map<String, Verdict>> honest = live(Mode.HONEST);
    assertThat(honest.get("BILL-030").get("cache-read").outcome()).isEqualTo(Outcome.PASSED);
    assertThat(honest.get("BILL-020").values()).anyMatch(v -> v.outcome() == Outcome.PASSED && v.evidence().containsKey("tokensPerChar"));
    assertThat(BillingHarness.notPassed(honest)).isEmpty();
    Map<String, Map<String, Verdict>> writes = live(Mode.CACHE_READS_AS_WRITES);
    assertThat(writes.get("BILL-030").get("cache-read").message()).contains("reported as a new cache write");
    Map<String, Map<String, Verdict>> doubled = live(Mode.INFLATE_OUTPUT_2X);
    assertThat(doubled.get("BILL-020").values()).anyMatch(v -> v.outcome() == Outcome.FAILED && v.message().contains("outside the band"));
  }

  @Test
  void aJsonPointerWithAScaleReadsAnyBalanceApi() throws Exception {
    try (BillingHarness h = new BillingHarness(replay, Mode.OVERCHARGE_1_5X, BillingHarness.PRICE, 0,
        Map.of(EvidenceSettings.BALANCE, "{relay}/dashboard/billing/credit_grants#/total_available*1", EvidenceSettings.BALANCE_TOKEN, ""))) {
      Verdict v = h.evaluateRun("BILL-040");
      assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
      assertThat((double) v.evidence().get("ratio")).isBetween(1.45, 1.55);
    }
  }

  @Test
  void aBalanceTooCoarseForTheRunIsInconclusiveAndSaysHowManyMoreRequests() throws Exception {
    // The quota read as if each unit were a whole USD: one step is far more than the run costs.
    try (BillingHarness h = new BillingHarness(replay, Mode.HONEST, BillingHarness.PRICE, 0,
        Map.of(EvidenceSettings.BALANCE, "{relay}/api/user/self#/data/quota*1"))) {
      Verdict v = h.evaluateRun("BILL-040");
      assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
      assertThat(v.message()).contains("more requests like these would resolve");
      assertThat((int) v.evidence().get("moreRequestsNeeded")).isGreaterThan(1000);
    }
  }

  @Test
  void badBalanceAnswersAreInconclusiveWithAClearMessage() throws Exception {
    Map<BillingRelay.BalanceQuirk, String> expected = Map.of(
        BillingRelay.BalanceQuirk.HTML, "not JSON",
        BillingRelay.BalanceQuirk.UNAUTHORIZED, "--balance-token",
        BillingRelay.BalanceQuirk.STRING, "is the string 'plenty', not a number",
        BillingRelay.BalanceQuirk.NEGATIVE, "is negative");
    for (Map.Entry<BillingRelay.BalanceQuirk, String> e : expected.entrySet()) {
      try (BillingHarness h = new BillingHarness(replay, Mode.HONEST, BillingHarness.PRICE, 0, Map.of())) {
        h.relay.quirk(e.getKey());
        for (String id : new String[] {"BILL-040", "BILL-050"}) {
          Verdict v = h.evaluateRun(id);
          assertThat(v.outcome()).as(e.getKey() + " " + id).isEqualTo(Outcome.INCONCLUSIVE);
          assertThat(v.message()).as(e.getKey() + " " + id).contains("could not be read").contains(e.getValue())
              .doesNotContain(BillingRelay.DASHBOARD_TOKEN);
        }
      }
    }
  }

  @Test
  void withoutABalanceTheRunLevelChecksSaySoAndSkip() throws Exception {
    try (BillingHarness h = new BillingHarness(replay, Mode.HONEST, BillingHarness.PRICE, 0, Map.of(EvidenceSettings.BALANCE, "",
        EvidenceSettings.PRICE, ""))) {
      Map<String, Map<String, Verdict>> r = h.evaluate();
      assertThat(r.get("BILL-040").get("(run)").outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(r.get("BILL-040").get("(run)").message()).contains("needs --balance");
      assertThat(r.get("BILL-060").get("(run)").message()).contains("needs --balance");
    }
  }
}
