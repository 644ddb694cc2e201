package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import dev.relaytck.scenario.Scenario;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks no recording can exercise on its own (HDR-050, ERR-040, FAULT-010) and the
 * mid-stream error checks (EVT-060, ERR-110), on the scenarios the real replay upstream injects
 * (dev.relaytck.scenario.FaultVariants) and on the recorded error event: a faithful relay passes
 * every implemented check on them, and each defect fails its check on them with its message.
 */
class InjectedScenarioTests {
  private static final List<String> INJECTED = List.of("error-403", "error-429-retry-after", "stream-close", "stream-error-event");

  /** Every implemented check on the given scenarios, by check ID then scenario. */
  private static Map<String, Map<String, Verdict>> evaluate(Harness h, List<String> scenarios) {
    Map<String, Map<String, Verdict>> out = new LinkedHashMap<>();
    for (Check check : Catalog.all()) {
      if (!Evaluators.implemented(check)) continue;
      for (String id : scenarios) {
        Scenario s = h.run.scenarios().byId(id).orElseThrow(() -> new AssertionError("no scenario " + id));
        if (Evaluators.of(check).notApplicable(s, h.run).isPresent()) continue;
        out.computeIfAbsent(check.id(), k -> new LinkedHashMap<>()).put(id, Evaluators.evaluate(check, s, h.run));
      }
    }
    return out;
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of("faithful", EnumSet.noneOf(Behaviour.class)),
        Arguments.of("single-byte chunks, CRLF, comments, re-cased headers, another request-id",
            EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS, Behaviour.CRLF, Behaviour.SSE_COMMENTS, Behaviour.RECASE_AND_ADD_HEADERS,
                Behaviour.NEW_REQUEST_ID)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void aFaithfulRelayPassesEveryCheckOnTheInjectedScenarios(String name, Set<Behaviour> behaviours) throws Exception {
    try (Harness h = Harness.onReplayWithFaultVariants(Recordings.bundled(), behaviours)) {
      List<String> scenarios = new java.util.ArrayList<>(INJECTED);
      scenarios.add("error-mid-stream");
      Map<String, Map<String, Verdict>> results = evaluate(h, scenarios);

      assertThat(Harness.failures(results)).as(name).isEmpty();
      // The checks these scenarios exist for apply, and pass.
      Map<String, List<String>> expected = Map.of(
          "HDR-050", List.of("error-429-retry-after"),
          "ERR-040", List.of("error-403"),
          "FAULT-010", List.of("stream-close"),
          "EVT-060", List.of("stream-error-event", "error-mid-stream"),
          "ERR-110", List.of("stream-error-event", "error-mid-stream"));
      expected.forEach((id, on) -> {
        assertThat(results).as(id).containsKey(id);
        assertThat(results.get(id).keySet()).as(id).containsAll(on);
        on.forEach(s -> assertThat(results.get(id).get(s).outcome()).as(id + " on " + s).isEqualTo(Outcome.PASSED));
      });
    }
  }

  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(Behaviour.DROP_RETRY_AFTER, "HDR-050", List.of("error-429-retry-after"), "expected 1, got absent"),
        Arguments.of(Behaviour.ERRORS_AS_502, "ERR-040", List.of("error-403"), "expected 403, got 502"),
        Arguments.of(Behaviour.FABRICATE_STOP, "FAULT-010", List.of("stream-close"), "yet the client received a complete message"),
        Arguments.of(Behaviour.CONTINUE_AFTER_ERROR, "EVT-060", List.of("stream-error-event", "error-mid-stream"), "message_stop"),
        Arguments.of(Behaviour.CONTINUE_AFTER_ERROR, "ERR-110", List.of("stream-error-event", "error-mid-stream"),
            "a normal ending was fabricated after the error event"),
        Arguments.of(Behaviour.SWALLOW_ERROR_EVENT, "ERR-110", List.of("stream-error-event", "error-mid-stream"),
            "the upstream's mid-stream error event never reached the client"));
  }

  @ParameterizedTest(name = "{0} fails {1} on {2}")
  @MethodSource("defects")
  void eachDefectFailsItsCheckOnTheInjectedScenario(Behaviour defect, String id, List<String> scenarios, String detail) throws Exception {
    Check check = Catalog.byId(id).orElseThrow();
    try (Harness h = Harness.onReplayWithFaultVariants(Recordings.bundled(), EnumSet.of(defect))) {
      for (String scenario : scenarios) {
        Verdict v = Evaluators.evaluate(check, h.run.scenarios().byId(scenario).orElseThrow(), h.run);
        assertThat(v.outcome()).as(id + " on " + scenario + ": " + v.message()).isEqualTo(Outcome.FAILED);
        assertThat(v.message()).as(scenario).contains(id).contains(detail);
      }
    }
  }

  @Test
  void theInjectedErrorEventKeepsItsOwnTypeWhichARelayMustNotChange() throws Exception {
    try (Harness h = Harness.onReplayWithFaultVariants(Recordings.bundled(), Set.of())) {
      Scenario injected = h.run.scenarios().byId("stream-error-event").orElseThrow();
      Scenario recorded = h.run.scenarios().byId("error-mid-stream").orElseThrow();
      assertThat(injected.streamErrorType()).contains("api_error");
      assertThat(recorded.streamErrorType()).contains("overloaded_error");
      // What the client received is the injected type, so ERR-110 compares against the right one.
      assertThat(h.run.probe(injected).exchange().bodyText()).contains("\"type\":\"api_error\"");
    }
  }
}
