package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.AuthCheck;
import dev.relaytck.catalog.FaultCheck;
import dev.relaytck.catalog.HdrCheck;
import dev.relaytck.catalog.ReqCheck;
import dev.relaytck.catalog.SseCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.SkipBasis;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import dev.relaytck.relay.TestRecordings;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's honesty defects, each reproduced: a target cannot excuse itself from a MUST, a check
 * that observed nothing has not passed, the relay's own 429 is the relay's, and the false
 * failures of correct relays (pass-through credentials, upstream U+FFFD, trailing comments).
 */
class HonestVerdictsTests {

  @Test
  void aTargetDeclaringItselfNoRelayIsStillJudgedOnFault020() throws Exception {
    // Before: relaytck.capabilities=-relay turned FAULT-020 into a skip certification tolerated.
    try (Harness h = Harness.onReplay(TestRecordings.timing(), EnumSet.of(Behaviour.EMPTY_200_ON_UPSTREAM_FAILURE), 0.02)) {
      TargetConfig c = h.run.config();
      TargetConfig absent = new TargetConfig(c.baseUrl(), c.authStyle(), c.secret(), c.replayUrl(), c.model(), c.modelMap(),
          c.headers(), c.capabilities(), java.util.Set.of("relay"), c.profiles(), c.timeouts(), c.timeScale());
      RunContext declared = new RunContext(absent, h.run.scenarios(),
          k -> k.equals(RunContext.SELF_CHECK) ? Optional.of("true") : Optional.empty());
      Verdict v = Evaluators.evaluate(FaultCheck.FAULT_020, declared.scenarios().byId("text").orElseThrow(), declared);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("FAULT-020").contains("yet the relay answered 200");
      assertThat(declared.selfCheck()).as("the self-check fact needs the target to be the replay upstream").isFalse();
    }
  }

  @Test
  void aCheckThatObservedNothingHasNotPassed() throws Exception {
    // A target that accepts connections and never answers: every exchange times out.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
         var upstream = dev.relaytck.recordings.replay.ReplayServer.start(
             dev.relaytck.recordings.replay.ReplayOptions.of(TestRecordings.all()).withTimeScale(0))) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) held.add(silent.accept());
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Map<String, String> p = Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:" + silent.getLocalPort(),
          TargetConfig.REPLAY_URL, upstream.baseUrl(), TargetConfig.API_KEY, TestRelay.CLIENT_KEY,
          TargetConfig.TIMEOUT_HEADERS, "300", TargetConfig.TIMEOUT_IDLE, "300", TargetConfig.TIMEOUT_TOTAL, "2000");
      RunContext run = new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()),
          ScenarioCatalog.of(TestRecordings.all()));
      for (var check : List.of(HdrCheck.HDR_080, HdrCheck.HDR_090)) {
        Verdict v = Evaluators.evaluate(check, run.scenarios().byId("count-tokens").orElseThrow(), run);
        assertThat(v.outcome()).as(check.id() + ": " + v.message()).isEqualTo(Outcome.SKIPPED);
        assertThat(v.message()).startsWith("no response to");
      }
      Verdict cut = Evaluators.evaluate(FaultCheck.FAULT_010, run.scenarios().byId("stream-cut").orElseThrow(), run);
      assertThat(cut.outcome()).as(cut.message()).isEqualTo(Outcome.FAILED);
      assertThat(cut.message()).contains("did not end").contains("HEADERS_TIMEOUT");
      for (Socket s : held) s.close();
    }
  }

  @Test
  void requestChecksApplyOnlyWhereThereIsSomethingToObserve() throws Exception {
    try (Harness h = new Harness(EnumSet.noneOf(Behaviour.class), true, Map.of())) {
      var query = Evaluators.of(ReqCheck.REQ_100);
      var unicode = Evaluators.of(ReqCheck.REQ_110);
      // text carries ?beta=true and non-ASCII text; stop-sequence carries neither.
      assertThat(query.notApplicable(h.run.scenarios().byId("text").orElseThrow(), h.run)).isEmpty();
      assertThat(query.notApplicable(h.run.scenarios().byId("stop-sequence").orElseThrow(), h.run))
          .hasValue("the scenario's request has no query string");
      assertThat(unicode.notApplicable(h.run.scenarios().byId("text").orElseThrow(), h.run)).isEmpty();
      assertThat(unicode.notApplicable(h.run.scenarios().byId("stop-sequence").orElseThrow(), h.run))
          .hasValue("the scenario's request carries no non-ASCII text");
    }
  }

  @Test
  void theRelaysOwn429IsTheRelaysFailureNotAnInconclusiveRun() throws Exception {
    // Before: every MUST failure on an unasked 429 was "not the relay's fault" (inconclusive).
    try (Harness h = Harness.onReplay(TestRecordings.all(), EnumSet.of(Behaviour.OWN_429))) {
      Map<String, Map<String, Verdict>> results = h.evaluate();
      List<Verdict> all = results.values().stream().flatMap(m -> m.values().stream()).toList();
      assertThat(all).noneMatch(v -> v.outcome() == Outcome.INCONCLUSIVE);
      assertThat(results.get("MSG-010").get("text").outcome()).isEqualTo(Outcome.FAILED);
    }
  }

  @Test
  void anUpstream429TheJournalShowsStaysInconclusive() throws Exception {
    try (Harness h = Harness.onReplay(TestRecordings.all(), EnumSet.of(Behaviour.UPSTREAM_429))) {
      Verdict v = Evaluators.evaluate(dev.relaytck.catalog.MsgCheck.MSG_010, h.run.scenarios().byId("text").orElseThrow(), h.run);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.INCONCLUSIVE);
      assertThat(v.message()).contains("the upstream answered 429 without being asked to");
    }
  }

  @Test
  void aPassThroughRelayPassesAuth040OnTheReplayUpstreamAndAKeySwappingOneToo() throws Exception {
    // Before: the replay upstream accepted the kit's wrong key, so a pass-through relay got 200 ("an open relay").
    for (var behaviours : List.of(EnumSet.of(Behaviour.PASS_THROUGH_KEY), EnumSet.noneOf(Behaviour.class))) {
      try (Harness h = Harness.onReplay(TestRecordings.all(), behaviours)) {
        var primary = h.run.primary().orElseThrow();
        Verdict v = Evaluators.evaluate(AuthCheck.AUTH_040, primary, h.run);
        assertThat(v.outcome()).as(behaviours + ": " + v.message()).isEqualTo(Outcome.PASSED);
        assertThat(Evaluators.evaluate(AuthCheck.AUTH_010, primary, h.run).outcome()).isEqualTo(Outcome.PASSED);
      }
    }
    try (Harness h = Harness.onReplay(TestRecordings.all(), EnumSet.of(Behaviour.ACCEPT_ANY_KEY))) {
      Verdict v = Evaluators.evaluate(AuthCheck.AUTH_040, h.run.primary().orElseThrow(), h.run);
      assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
    }
  }

  @Test
  void aReplacementCharacterTheUpstreamSentIsNotTheRelays() throws Exception {
    List<Recording> recordings = List.of(withReplacementCharacter(TestRecordings.all().get(1)));
    try (Harness h = new Harness(recordings, EnumSet.noneOf(Behaviour.class), true, Map.of())) {
      Verdict v = Evaluators.evaluate(SseCheck.SSE_055, h.run.scenarios().byId("text-stream").orElseThrow(), h.run);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.PASSED);
    }
  }

  @Test
  void aPerReadDecodingRelayFailsSse055OnTheBundledMultibyteStream() throws Exception {
    // Before: no bundled stream carried enough multibyte text for a read boundary to split a character.
    List<Recording> unicode = dev.relaytck.recordings.format.Recordings.bundled().stream()
        .filter(r -> r.scenario().equals("unicode-stream")).toList();
    assertThat(unicode).hasSize(1);
    try (Harness h = Harness.onReplay(unicode, EnumSet.of(Behaviour.PER_READ_DECODING))) {
      Verdict v = Evaluators.evaluate(SseCheck.SSE_055, h.run.scenarios().byId("unicode-stream").orElseThrow(), h.run);
      assertThat(v.outcome()).as(v.message()).isEqualTo(Outcome.FAILED);
      assertThat(v.message()).contains("SSE-055").contains("a U+FFFD replacement character the upstream did not send");
    }
    try (Harness h = Harness.onReplay(unicode, EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS))) {
      // The stream's own checks: this test is about multibyte text split across reads. (FAULT-030 times how soon a
      // relay lets go of its upstream after the client leaves; a test relay writing 120 kB one byte per flush
      // notices late on a loaded machine, which says nothing about decoding.)
      Map<String, String> failures = new java.util.TreeMap<>(Harness.failures(h.evaluate()));
      failures.keySet().removeIf(id -> !id.startsWith("SSE-") && !id.startsWith("EVT-") && !id.startsWith("MSG-"));
      assertThat(failures).as("a faithful relay re-chunking to single bytes").isEmpty();
    }
  }

  @Test
  void selfCheckSkipsCarryTheirBasisAsData() throws Exception {
    try (var replay = dev.relaytck.recordings.replay.ReplayServer.start(
        dev.relaytck.recordings.replay.ReplayOptions.of(TestRecordings.timing()).withTimeScale(0.02))) {
      Map<String, String> p = Map.of(TargetConfig.BASE_URL, replay.baseUrl(), TargetConfig.REPLAY_URL, replay.baseUrl(),
          TargetConfig.API_KEY, "sk-test");
      TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
      // Without the runner's word, the replay upstream as target is judged: it breaks the connection, a server error.
      RunContext unsaid = new RunContext(config, ScenarioCatalog.of(TestRecordings.timing()));
      Verdict judged = Evaluators.evaluate(FaultCheck.FAULT_020, unsaid.scenarios().byId("text").orElseThrow(), unsaid);
      assertThat(judged.outcome()).as(judged.message()).isEqualTo(Outcome.PASSED);
      assertThat(judged.message()).contains("broken connection");
      Verdict shape = Evaluators.evaluate(FaultCheck.FAULT_025, unsaid.scenarios().byId("text").orElseThrow(), unsaid);
      assertThat(shape.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(shape.skipBasis()).isEqualTo(SkipBasis.NONE);
    }
  }

  private static Recording withReplacementCharacter(Recording r) {
    List<RecordedEvent> events = new ArrayList<>();
    for (RecordedEvent e : r.response().events()) {
      String text = new String(e.bytes(), StandardCharsets.UTF_8).replace("Grüße", "Gr\uFFFD\uFFFDe");
      events.add(new RecordedEvent(e.offsetMs(), text.getBytes(StandardCharsets.UTF_8)));
    }
    return new Recording(r.scenario(), r.title(), r.features(), r.model(), r.provenance(), r.request(),
        new RecordedResponse(r.response().status(), r.response().headers(), null, events), r.fault());
  }
}
