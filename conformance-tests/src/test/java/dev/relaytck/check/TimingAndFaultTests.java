package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import dev.relaytck.relay.TestRecordings;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks that need the real replay upstream's pacing and fault suffixes (SSE-080,
 * FAULT-020/030/040), both ways: the relay in front of the replay server at time scale 0.02,
 * so a stream recorded over 20 s is paced over 400 ms. Judgements have wide margins (half the
 * paced span, a 1 s disconnect bound) for a loaded 2-core machine.
 */
class TimingAndFaultTests {
  private static final double TIME_SCALE = 0.02;
  private static final Set<String> PROBED = Set.of("SSE-080", "FAULT-020", "FAULT-025", "FAULT-030", "FAULT-040");

  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of("faithful", EnumSet.noneOf(Behaviour.class)),
        Arguments.of("single-byte chunks, CRLF, SSE comments",
            EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS, Behaviour.CRLF, Behaviour.SSE_COMMENTS)),
        // Before: SSE-080 called a ~200 ms write coalescing (HAProxy) buffering.
        Arguments.of("writes coalesced every 200 ms", EnumSet.of(Behaviour.COALESCE_200MS)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void aFaithfulRelayPassesTheTimingAndFaultProbes(String name, Set<Behaviour> behaviours) throws Exception {
    try (Harness h = Harness.onReplay(TestRecordings.timing(), behaviours, TIME_SCALE)) {
      Map<String, Map<String, Verdict>> results = h.evaluate();
      assertThat(Harness.failures(results)).as(name).isEmpty();
      for (String id : PROBED) {
        assertThat(results.get(id)).as(id + " ran").isNotNull().isNotEmpty();
        results.get(id).values().forEach(v -> assertThat(v.outcome()).as(id + ": " + v.message()).isEqualTo(Outcome.PASSED));
      }
      assertThat(results.get("SSE-080").get("slow-stream").message()).startsWith("incremental: first event (#0) arrived");
    }
  }

  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(Behaviour.BUFFER_STREAM, "SSE-080",
            "the client received nothing until the upstream had finished: the upstream paused 1500 ms after event #0, yet the client saw all 9 events"),
        Arguments.of(Behaviour.EMPTY_200_ON_UPSTREAM_FAILURE, "FAULT-020",
            "the upstream closed the connection before answering, yet the relay answered 200 with an empty body"),
        Arguments.of(Behaviour.DRAIN_AFTER_CLIENT_LEFT, "FAULT-030", "yet the relay read the upstream stream to its end: all 9 events"),
        Arguments.of(Behaviour.SHORT_IDLE_TIMEOUT, "FAULT-040", "the relay cut the stream during a 600 ms upstream pause after event #0"));
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @MethodSource("defects")
  void eachTimingDefectFailsExactlyItsCheck(Behaviour defect, String id, String detail) throws Exception {
    try (Harness h = Harness.onReplay(TestRecordings.timing(), EnumSet.of(defect), TIME_SCALE)) {
      Map<String, String> failures = Harness.failures(h.evaluate());
      assertThat(failures.keySet()).as("checks failed by %s: %s", defect, failures).containsExactly(id);
      assertThat(failures.get(id)).contains("FAILED").contains(id).contains(detail);
    }
  }

  @Test
  void stockProxiesAnsweringADroppedUpstreamPassTheMustAndOnlyTheHtmlPageMissesTheShould() throws Exception {
    // Before: FAULT-020 failed nginx/Apache/Caddy (HTML 502) and HAProxy (closed connection) alike.
    try (Harness h = Harness.onReplay(TestRecordings.timing(), EnumSet.of(Behaviour.HTML_502_ON_UPSTREAM_FAILURE), TIME_SCALE)) {
      var text = h.run.scenarios().byId("text").orElseThrow();
      assertThat(Evaluators.evaluate(dev.relaytck.catalog.FaultCheck.FAULT_020, text, h.run).outcome()).isEqualTo(Outcome.PASSED);
      Verdict shape = Evaluators.evaluate(dev.relaytck.catalog.FaultCheck.FAULT_025, text, h.run);
      assertThat(shape.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(shape.message()).contains("FAULT-025");
    }
    try (Harness h = Harness.onReplay(TestRecordings.timing(), EnumSet.of(Behaviour.CLOSE_ON_UPSTREAM_FAILURE), TIME_SCALE)) {
      var text = h.run.scenarios().byId("text").orElseThrow();
      Verdict closed = Evaluators.evaluate(dev.relaytck.catalog.FaultCheck.FAULT_020, text, h.run);
      assertThat(closed.outcome()).as(closed.message()).isEqualTo(Outcome.PASSED);
      assertThat(Evaluators.evaluate(dev.relaytck.catalog.FaultCheck.FAULT_025, text, h.run).outcome()).isEqualTo(Outcome.SKIPPED);
    }
  }

  @Test
  void withoutPacingTheTimingProbesSkipSayingWhy() throws Exception {
    try (Harness h = Harness.onReplay(TestRecordings.timing(), EnumSet.noneOf(Behaviour.class), 0)) {
      var slow = h.run.scenarios().byId("slow-stream").orElseThrow();
      // SSE-080's pause is not scaled: a span of seconds at any time scale.
      Verdict sse = Evaluators.evaluate(dev.relaytck.catalog.SseCheck.SSE_080, slow, h.run);
      assertThat(sse.outcome()).as(sse.message()).isEqualTo(Outcome.PASSED);
      Verdict pause = Evaluators.evaluate(dev.relaytck.catalog.FaultCheck.FAULT_040, slow, h.run);
      assertThat(pause.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(pause.message()).contains("too short to probe a timeout");
    }
    try (Harness h = new Harness(TestRecordings.timing(), EnumSet.noneOf(Behaviour.class), true, Map.of())) {
      var slow = h.run.scenarios().byId("slow-stream").orElseThrow();
      assertThat(Evaluators.evaluate(dev.relaytck.catalog.SseCheck.SSE_080, slow, h.run).message())
          .contains("not relay-tck's replay upstream");
    }
  }

  @Test
  void inTheSelfCheckTheReplayUpstreamIsTheTargetAndFault020SaysWhyItSkips() throws Exception {
    try (var replay = dev.relaytck.recordings.replay.ReplayServer.start(
        dev.relaytck.recordings.replay.ReplayOptions.of(TestRecordings.timing()).withTimeScale(TIME_SCALE))) {
      Map<String, String> p = Map.of(dev.relaytck.target.TargetConfig.BASE_URL, replay.baseUrl(),
          dev.relaytck.target.TargetConfig.REPLAY_URL, replay.baseUrl() + "/", dev.relaytck.target.TargetConfig.API_KEY, "sk-test");
      // The runner says so (as data), and the target is the replay upstream itself.
      RunContext run = new RunContext(dev.relaytck.target.TargetConfig.load(k -> java.util.Optional.ofNullable(p.get(k)), Map.of()),
          dev.relaytck.scenario.ScenarioCatalog.of(TestRecordings.timing()),
          k -> k.equals(RunContext.SELF_CHECK) ? java.util.Optional.of("true") : java.util.Optional.empty());
      Verdict closed = Evaluators.evaluate(dev.relaytck.catalog.FaultCheck.FAULT_020, run.scenarios().byId("text").orElseThrow(), run);
      assertThat(closed.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(closed.message()).contains("self-check");
      assertThat(closed.skipBasis()).isEqualTo(dev.relaytck.outcome.SkipBasis.SELF_CHECK);
      Verdict slow = Evaluators.evaluate(dev.relaytck.catalog.SseCheck.SSE_080, run.scenarios().byId("slow-stream").orElseThrow(), run);
      assertThat(slow.outcome()).as(slow.message()).isEqualTo(Outcome.PASSED);
    }
  }
}
