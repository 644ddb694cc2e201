package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Defects whose checks need the official recordings' scenarios (every error status, tool_choice auto, tool streams). */
class BundledDefectTests {
  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(Behaviour.ERRORS_AS_502, Set.of("EP-050", "ERR-010", "ERR-020", "ERR-030", "ERR-050", "ERR-060", "ERR-070", "ERR-080", "ERR-090"), "got 502"),
        Arguments.of(Behaviour.RENAME_TOOL, Set.of("MSG-090", "TOOL-010", "TOOL-020", "TOOL-030", "TOOL-050"), "a tool the request never declared was called"),
        // An unclosed tool block never gets its input: the client sees the tool called with {}.
        Arguments.of(Behaviour.DROP_BLOCK_STOP, Set.of("EVT-020", "EVT-040", "TOOL-010", "TOOL-060", "TOOL-090"), "EVT-020 event #"));
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @MethodSource("defects")
  void eachDefectFailsExactlyItsChecks(Behaviour defect, Set<String> expected, String detail) throws Exception {
    try (Harness h = new Harness(Recordings.bundled(), EnumSet.of(defect), true, Map.of())) {
      Map<String, String> failures = Harness.failures(h.evaluate());
      assertThat(failures.keySet()).as("checks failed by %s: %s", defect, failures).isEqualTo(expected);
      failures.forEach((id, message) -> assertThat(message).as(id).contains("FAILED").contains(id));
      assertThat(String.join("\n", failures.values())).contains(detail);
    }
  }
}
