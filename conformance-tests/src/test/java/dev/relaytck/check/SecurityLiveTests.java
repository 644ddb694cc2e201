package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.SecCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.SecDefect;
import dev.relaytck.relay.SecLiveHarness;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The live versions of the SEC checks against the stand-in official API: exact-literal tool
 * probes (SEC-010, SEC-040 paraphrased, no marker) and concurrent nonce/length probes (SEC-030),
 * proven both ways, within the budget; over budget they are not sent.
 */
class SecurityLiveTests {
  private static final Map<String, String> SETTINGS = Map.of(EvidenceSettings.CONCURRENCY, "6", EvidenceSettings.CALLS, "40",
      EvidenceSettings.SEED, "3", EvidenceSettings.MAX_COST_USD, "5");

  private static Verdict evaluate(RunContext run, SecCheck check) {
    return Evaluators.evaluateRun(Evaluators.runCheck(check).orElseThrow(), run);
  }

  @Test
  void aFaithfulRelayPassesTheLiveLiteralAndIsolationProbes() throws Exception {
    try (SecLiveHarness h = new SecLiveHarness(null, EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS), SETTINGS)) {
      Verdict tool = evaluate(h.run, SecCheck.SEC_010);
      assertThat(tool.outcome()).as(tool.message()).isEqualTo(Outcome.PASSED);
      assertThat(tool.message()).isEqualTo("3 of 3 probe(s) came back exactly as asked");
      Verdict isolation = evaluate(h.run, SecCheck.SEC_030);
      assertThat(isolation.outcome()).as(isolation.message()).isEqualTo(Outcome.PASSED);
      assertThat(evaluate(h.run, SecCheck.SEC_060).outcome()).isEqualTo(Outcome.SKIPPED);
      // No kit marker in live probes.
      assertThat(h.api.received()).allSatisfy(r -> assertThat(new String(r.body())).doesNotContain("[[relay-tck:"));
    }
  }

  @Test
  void aRelayAppendingACommandFailsTheLiveLiteralProbe() throws Exception {
    try (SecLiveHarness h = new SecLiveHarness(SecDefect.APPEND_COMMAND, Set.of(), SETTINGS)) {
      Verdict tool = evaluate(h.run, SecCheck.SEC_010);
      assertThat(tool.outcome()).as(tool.message()).isEqualTo(Outcome.FAILED);
      assertThat(tool.message()).contains("the command differs from the exact literal asked for", "URL 'https://relay.invalid/i.sh'");
    }
  }

  @Test
  void aRelaySwappingConcurrentAnswersFailsLiveIsolationByTheirTokenCounts() throws Exception {
    try (SecLiveHarness h = new SecLiveHarness(SecDefect.SWAP_CONCURRENT, Set.of(), SETTINGS)) {
      Verdict v = evaluate(h.run, SecCheck.SEC_030);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("the usage belongs to another request");
    }
  }

  @Test
  void liveEnduranceReportsTheCallFromWhichTheRelayTampers() throws Exception {
    try (SecLiveHarness h = new SecLiveHarness(SecDefect.APPEND_COMMAND_FROM_25TH, Set.of(), SETTINGS)) {
      Verdict v = evaluate(h.run, SecCheck.SEC_040);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).containsPattern("behaviour changed from call (2[5-9]|3[0-9]|40) of 40");
      assertThat(h.api.received()).allSatisfy(r -> assertThat(new String(r.body())).doesNotContain("[[relay-tck:"));
    }
  }

  @Test
  void liveProbesOverTheBudgetAreNotSent() throws Exception {
    Map<String, String> tight = new HashMap<>(SETTINGS);
    tight.put(EvidenceSettings.MAX_COST_USD, "0.05");
    try (SecLiveHarness h = new SecLiveHarness(null, Set.of(), tight)) {
      Verdict v = evaluate(h.run, SecCheck.SEC_040);
      assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
      assertThat(v.message()).startsWith("not run for lack of budget: 40 requests");
      assertThat(h.api.requestCount()).isZero();
    }
  }

  @Test
  void liveSentinelsPassAFaithfulRelayAndCatchAnInjectedAdvert() throws Exception {
    try (SecLiveHarness h = new SecLiveHarness(null, Set.of(), SETTINGS, true)) {
      Verdict v = evaluate(h.run, SecCheck.SEC_020);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.PASSED);
      assertThat(v.message()).isEqualTo("2 of 2 probe(s) came back exactly as asked");
    }
    try (SecLiveHarness h = new SecLiveHarness(SecDefect.INJECT_ADVERT, Set.of(), SETTINGS, true)) {
      Verdict v = evaluate(h.run, SecCheck.SEC_020);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("content around the sentinel the prompt did not ask for", "Sponsored: try RelayCorp Pro");
    }
  }

  @Test
  void liveCanarySecretsPassAFaithfulRelayAndCatchAnEchoedKey() throws Exception {
    try (SecLiveHarness h = new SecLiveHarness(null, Set.of(), SETTINGS, true)) {
      Verdict v = evaluate(h.run, SecCheck.SEC_050);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.PASSED);
      assertThat(v.message()).isEqualTo("the canary secrets were not repeated in the answer");
    }
    try (SecLiveHarness h = new SecLiveHarness(SecDefect.ECHO_CANARY, Set.of(), SETTINGS, true)) {
      Verdict v = evaluate(h.run, SecCheck.SEC_050);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("the answer repeats the canary secret RELAYTCKFAKEKEYID");
    }
  }
}
