package dev.relaytck.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.IdCheck;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.IdentityRelay;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ID-050 hermetically: the replay upstream accepts the signatures the official API produced in its
 * recordings and answers any other with the official 400, so a relay in front of it that mints its
 * own signatures fails, and a faithful one passes. The other ID checks skip, saying why.
 */
class HermeticSignatureTests {
  static ReplayServer replay;

  @BeforeAll
  static void start() {
    replay = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0.01));
  }

  @AfterAll
  static void stop() {
    replay.close();
  }

  static Verdict id050(IdentityRelay.Defect defect) throws Exception {
    try (IdentityRelay relay = new IdentityRelay(java.net.URI.create(replay.baseUrl()), defect, null)) {
      Map<String, String> p = Map.of(TargetConfig.BASE_URL, relay.url().toString(), TargetConfig.REPLAY_URL,
          replay.baseUrl(), TargetConfig.API_KEY, "test-fake-replay-key");
      RunContext run = new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()),
          ScenarioCatalog.forRun(Recordings.bundled()));
      assertThat(Evaluators.evaluateRun(Evaluators.runCheck(IdCheck.ID_020).orElseThrow(), run).outcome()).isEqualTo(Outcome.SKIPPED);
      return Evaluators.evaluateRun(Evaluators.runCheck(IdCheck.ID_050).orElseThrow(), run);
    }
  }

  @Test
  void aFaithfulRelayKeepsTheRecordedSignature() throws Exception {
    Verdict v = id050(IdentityRelay.Defect.NONE);
    assertThat(v.outcome()).as(v.message() + " " + v.evidence()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aRelayMintingSignaturesIsRejectedByTheReplayUpstream() throws Exception {
    Verdict v = id050(IdentityRelay.Defect.FORGE_SIGNATURES);
    assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
    assertThat(v.message()).contains("400").contains("Invalid `signature`");
  }
}
