package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.SecCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.HttpsTestRelay;
import dev.relaytck.relay.SecDefect;
import dev.relaytck.relay.SecHarness;
import dev.relaytck.relay.SecurityTamperProxy;
import dev.relaytck.relay.TestCertificates;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SEC checks proven both ways: a faithful relay (with 1-byte chunks, CRLF, comments,
 * re-cased headers and gzip) passes every one, under concurrency too; each defective relay
 * fails exactly the check it exists for, with the bytes that differ in the evidence.
 */
class SecurityChecksTests {
  private static final List<Recording> RECORDINGS = Recordings.bundled();
  private static final Set<Behaviour> ALLOWED = EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS, Behaviour.CRLF, Behaviour.SSE_COMMENTS,
      Behaviour.RECASE_AND_ADD_HEADERS, Behaviour.GZIP_WHEN_ACCEPTED);
  private static final Map<String, String> SETTINGS = Map.of(EvidenceSettings.CONCURRENCY, "8", EvidenceSettings.CALLS, "30",
      EvidenceSettings.SEED, "7");

  private static Verdict evaluate(RunContext run, Check check) {
    return Evaluators.evaluateRun(Evaluators.runCheck(check).orElseThrow(), run);
  }

  private static Map<SecCheck, Verdict> evaluate(RunContext run, SecCheck... checks) {
    Map<SecCheck, Verdict> out = new LinkedHashMap<>();
    for (SecCheck c : checks) out.put(c, evaluate(run, c));
    return out;
  }

  @Test
  void aFaithfulRelayPassesEverySecurityCheckUnderRechunkingAndConcurrency() throws Exception {
    try (SecHarness h = new SecHarness(RECORDINGS, null, ALLOWED, SETTINGS)) {
      Map<SecCheck, Verdict> v = evaluate(h.run, SecCheck.values());
      for (SecCheck c : List.of(SecCheck.SEC_010, SecCheck.SEC_020, SecCheck.SEC_030, SecCheck.SEC_040, SecCheck.SEC_050, SecCheck.SEC_060)) {
        assertThat(v.get(c).outcome()).as(c.id() + ": " + v.get(c).message()).isEqualTo(Outcome.PASSED);
      }
      assertThat(v.get(SecCheck.SEC_010).message()).contains("byte for byte");
      assertThat(v.get(SecCheck.SEC_030).message()).startsWith("8 concurrent request(s)");
      assertThat(v.get(SecCheck.SEC_040).message()).startsWith("30 calls");
      assertThat(v.get(SecCheck.SEC_070).outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(v.get(SecCheck.SEC_070).message()).contains("loopback");
      assertThat(v.get(SecCheck.SEC_080).outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(v.get(SecCheck.SEC_080).message()).contains("retained", "upstream API key", "refund");
      @SuppressWarnings("unchecked")
      Map<String, Object> security = (Map<String, Object>) h.run.metrics().get("security");
      assertThat(security).containsKeys("integrity", "content", "isolation", "endurance", "canaries", "canaryUrls", "notObservable");
      assertThat((List<?>) security.get("diffs")).isEmpty();
    }
  }

  @Test
  void aRelayAppendingACommandToToolInputsFailsSec010WithTheAddedBytesEvenWhenSplitAcrossFragments() throws Exception {
    try (SecHarness h = new SecHarness(RECORDINGS, SecDefect.APPEND_COMMAND, EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS), SETTINGS)) {
      Map<SecCheck, Verdict> v = evaluate(h.run, SecCheck.SEC_010, SecCheck.SEC_020, SecCheck.SEC_050, SecCheck.SEC_060);
      Verdict tool = v.get(SecCheck.SEC_010);
      assertThat(tool.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(tool.message()).contains("tool-use-json", "input differs from the upstream's",
          "URL 'https://relay.invalid/i.sh'", "pipe to a shell '| sh'", "chained command '; curl'");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> findings = (List<Map<String, Object>>) tool.evidence().get("findings");
      assertThat(findings).extracting(f -> f.get("exchange")).contains("tool-use-stream", "tool-use-json", "tool-use-parallel");
      Map<String, Object> streamed = findings.stream().filter(f -> f.get("exchange").equals("tool-use-stream")).findFirst().orElseThrow();
      assertThat(streamed.get("actualBytes")).isEqualTo(SecurityTamperProxy.COMMAND);
      assertThat(streamed.get("expectedBytes")).isEqualTo("");
      assertThat((Long) streamed.get("byteOffset")).isPositive();
      for (SecCheck c : List.of(SecCheck.SEC_020, SecCheck.SEC_050, SecCheck.SEC_060)) {
        assertThat(v.get(c).outcome()).as(c.id() + ": " + v.get(c).message()).isEqualTo(Outcome.PASSED);
      }
    }
  }

  @Test
  void aRelayThatStartsTamperingAtThe25thRequestPassesAOneShotTestAndFailsEnduranceWithTheCallItStarted() throws Exception {
    Map<String, String> settings = new HashMap<>(SETTINGS);
    settings.put(EvidenceSettings.CALLS, "40");
    try (SecHarness h = new SecHarness(RECORDINGS, SecDefect.APPEND_COMMAND_FROM_25TH, Set.of(), settings)) {
      Verdict endurance = evaluate(h.run, SecCheck.SEC_040);
      assertThat(endurance.outcome()).as(endurance.message()).isEqualTo(Outcome.FAILED);
      int k = (Integer) endurance.evidence().get("firstTamperedCall");
      assertThat(k).isBetween(25, 40);
      assertThat(endurance.message()).startsWith("behaviour changed from call " + k + " of 40").contains("curl");
    }
    try (SecHarness h = new SecHarness(RECORDINGS, SecDefect.APPEND_COMMAND_FROM_25TH, Set.of(), settings)) {
      Verdict oneShot = evaluate(h.run, SecCheck.SEC_010);
      assertThat(oneShot.outcome()).as("a one-shot probe sends fewer than 25 requests: " + oneShot.message()).isEqualTo(Outcome.PASSED);
    }
  }

  @Test
  void aRelayInjectingAnAdvertFailsSec020WithTheAddedBlock() throws Exception {
    try (SecHarness h = new SecHarness(RECORDINGS, SecDefect.INJECT_ADVERT, Set.of(), SETTINGS)) {
      Map<SecCheck, Verdict> v = evaluate(h.run, SecCheck.SEC_010, SecCheck.SEC_020);
      Verdict content = v.get(SecCheck.SEC_020);
      assertThat(content.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(content.message()).contains("a text block the upstream never sent", "Sponsored: try RelayCorp Pro",
          "URL 'https://relaycorp.invalid/pro'");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> findings = (List<Map<String, Object>>) content.evidence().get("findings");
      assertThat(findings).extracting(f -> f.get("exchange")).contains("text-stream", "text-json");
      assertThat(v.get(SecCheck.SEC_010).outcome()).as(v.get(SecCheck.SEC_010).message()).isEqualTo(Outcome.PASSED);
    }
  }

  @Test
  void aRelaySwappingResponsesBetweenConcurrentRequestsFailsSec030WithBothExchanges() throws Exception {
    try (SecHarness h = new SecHarness(RECORDINGS, SecDefect.SWAP_CONCURRENT, Set.of(), SETTINGS)) {
      Verdict v = evaluate(h.run, SecCheck.SEC_030);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("the recording of another request in flight");
      assertThat(v.evidence()).containsKeys("exchanges", "findings");
    }
  }

  @Test
  void aRelayEchoingACanaryKeyFailsSec050AndOnlyIt() throws Exception {
    try (SecHarness h = new SecHarness(RECORDINGS, SecDefect.ECHO_CANARY, Set.of(), SETTINGS)) {
      Map<SecCheck, Verdict> v = evaluate(h.run, SecCheck.SEC_050, SecCheck.SEC_060, SecCheck.SEC_020);
      assertThat(v.get(SecCheck.SEC_050).outcome()).isEqualTo(Outcome.FAILED);
      assertThat(v.get(SecCheck.SEC_050).message()).contains("the answer repeats the canary secret RELAYTCKFAKEKEYID");
      assertThat(v.get(SecCheck.SEC_060).outcome()).as(v.get(SecCheck.SEC_060).message()).isEqualTo(Outcome.PASSED);
      assertThat(v.get(SecCheck.SEC_020).outcome()).as(v.get(SecCheck.SEC_020).message()).isEqualTo(Outcome.PASSED);
    }
  }

  @Test
  void aRelayFetchingUrlsFromPromptsFailsSec060WithTheTimeAndHeadersOfTheHit() throws Exception {
    try (SecHarness h = new SecHarness(RECORDINGS, SecDefect.FETCH_PROMPT_URLS, Set.of(), SETTINGS)) {
      Map<SecCheck, Verdict> v = evaluate(h.run, SecCheck.SEC_060, SecCheck.SEC_050);
      Verdict fetch = v.get(SecCheck.SEC_060);
      assertThat(fetch.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(fetch.message()).contains("/__canary/", "was fetched at 20", "relay-moderation/1.0");
      assertThat(fetch.evidence()).containsKey("hits");
      assertThat(v.get(SecCheck.SEC_050).outcome()).as(v.get(SecCheck.SEC_050).message()).isEqualTo(Outcome.PASSED);
    }
  }

  private static RunContext runOn(String baseUrl) {
    Map<String, String> p = Map.of(TargetConfig.BASE_URL, baseUrl, TargetConfig.API_KEY, TestRelay.CLIENT_KEY,
        TargetConfig.TIMEOUT_CONNECT, "3000");
    return new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()), ScenarioCatalog.of(List.of()));
  }

  @Test
  void sec070FailsSelfSignedAndExpiredCertificatesAndPassesATrustedOneWithHsts(@TempDir Path dir) throws Exception {
    TestCertificates valid = TestCertificates.localhost(dir, 0, 3);
    TestCertificates expired = TestCertificates.localhost(dir, -10, 2);
    javax.net.ssl.SSLContext jdkTrust = javax.net.ssl.SSLContext.getDefault();
    try (HttpsTestRelay selfSigned = new HttpsTestRelay(valid.serverContext(), true, false)) {
      Verdict v = SecRules.transport(runOn(selfSigned.url().toString()), jdkTrust);
      assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("certificate chain not accepted for localhost", "self-signed");
      Verdict trusted = SecRules.transport(runOn(selfSigned.url().toString()), valid.trustingContext());
      assertThat(trusted.outcome()).as(trusted.message()).isEqualTo(Outcome.PASSED);
      assertThat(trusted.message()).contains("TLSv1.3");
    }
    try (HttpsTestRelay old = new HttpsTestRelay(expired.serverContext(), true, false)) {
      Verdict v = SecRules.transport(runOn(old.url().toString()), expired.trustingContext());
      assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("expired on");
    }
    try (HttpsTestRelay noHsts = new HttpsTestRelay(valid.serverContext(), false, true)) {
      Verdict v = SecRules.transport(runOn(noHsts.url().toString()), valid.trustingContext());
      assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("redirects to plain http: http://localhost:", "no Strict-Transport-Security");
    }
  }

  @Test
  void sec070ReportsPlainHttpToANonLoopbackHostAsCleartextCredentials() {
    Verdict v = SecRules.transport(runOn("http://192.0.2.10:8080"), null);
    assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(v.message()).contains("plain http to 192.0.2.10", "clear text");
  }
}
