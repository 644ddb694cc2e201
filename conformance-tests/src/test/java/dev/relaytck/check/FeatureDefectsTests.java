package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.CacheCheck;
import dev.relaytck.catalog.ThinkCheck;
import dev.relaytck.catalog.ToolCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.FeatureDefect;
import dev.relaytck.relay.FeatureHarness;
import dev.relaytck.relay.Harness;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TOOL, THINK and CACHE proven both ways against the bundled official recordings served by the
 * real replay upstream: a faithful relay (also with every transformation the protocol allows)
 * passes every check, and each defect fails exactly its checks, with the ID and a message that
 * says what was expected, what arrived and where.
 */
class FeatureDefectsTests {
  private static final Set<Area> AREAS = EnumSet.of(Area.TOOL, Area.THINK, Area.CACHE);

  @ParameterizedTest(name = "hermetic, faithful relay with {0}")
  @EnumSource(value = Behaviour.class, names = {"SINGLE_BYTE_CHUNKS", "CRLF", "SSE_COMMENTS", "RECASE_AND_ADD_HEADERS",
      "NEW_REQUEST_ID", "GZIP_WHEN_ACCEPTED"})
  void allowedTransformationsPassHermetic(Behaviour allowed) throws Exception {
    try (FeatureHarness h = new FeatureHarness(null, EnumSet.of(allowed), true, Map.of())) {
      Map<String, Map<String, Verdict>> results = h.evaluate(AREAS);
      assertThat(Harness.failures(results)).as("failures with %s", allowed).isEmpty();
    }
  }

  @Test
  void faithfulRelayPassesAndEveryHermeticCheckIsExercised() throws Exception {
    try (FeatureHarness h = new FeatureHarness(null, Set.of(), true, Map.of())) {
      Map<String, Map<String, Verdict>> results = h.evaluate(AREAS);
      assertThat(Harness.failures(results)).isEmpty();
      Set<String> expected = new TreeSet<>();
      Stream.of(ToolCheck.values(), ThinkCheck.values(), CacheCheck.values()).flatMap(Stream::of)
          .filter(c -> c != CacheCheck.CACHE_040).forEach(c -> expected.add(c.id()));
      // Each check ran and passed on at least one scenario: none passes by never applying.
      Set<String> passedSomewhere = new TreeSet<>();
      results.forEach((id, byScenario) -> {
        if (byScenario.values().stream().anyMatch(v -> v.outcome() == Outcome.PASSED)) passedSomewhere.add(id);
      });
      assertThat(passedSomewhere).containsAll(expected);
      assertThat(results.get("TOOL-050")).containsKey("tool-use-parallel");
      assertThat(results.get("THINK-030")).containsKeys("thinking-json", "thinking-stream", "redacted-thinking-stream");
      assertThat(results.get("TOOL-070")).containsKey("tool-result");
    }
  }

  @Test
  void liveFaithfulRelayPassesIncludingTheRepeatedCacheRead() throws Exception {
    try (FeatureHarness h = new FeatureHarness(null, EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS), false, Map.of())) {
      Map<String, Map<String, Verdict>> results = h.evaluate(AREAS);
      assertThat(Harness.failures(results)).isEmpty();
      assertThat(results.get("CACHE-040")).containsOnlyKeys("cache-read");
      assertThat(results.get("CACHE-040").get("cache-read").outcome()).isEqualTo(Outcome.PASSED);
      assertThat(results.get("TOOL-030").get("tool-choice-tool").outcome()).isEqualTo(Outcome.PASSED);
      assertThat(results.get("THINK-010").get("thinking-stream").outcome()).isEqualTo(Outcome.PASSED);
    }
  }

  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(FeatureDefect.DROP_SECOND_TOOL_USE, true, Set.of("TOOL-010", "TOOL-050"),
            "a different number of tool_use blocks than the recording (expected 2 (weather, best_language_to_learn), got 1 (weather))"),
        Arguments.of(FeatureDefect.DROP_TOOL_USE, true, Set.of("TOOL-010", "TOOL-020", "TOOL-030", "TOOL-050"),
            "the response has no tool_use block (expected a tool_use block naming weather"),
        Arguments.of(FeatureDefect.INJECT_TOOL_USE, true, Set.of("TOOL-010", "TOOL-020", "TOOL-030", "TOOL-040", "TOOL-050", "TOOL-060"),
            "tool_choice none, yet a tool was called (expected no tool_use block, got weather)"),
        Arguments.of(FeatureDefect.TRUNCATE_PARTIAL_JSON, true, Set.of("TOOL-010", "TOOL-060", "TOOL-090"),
            "do not concatenate to one JSON object"),
        Arguments.of(FeatureDefect.RENAME_TOOL_IDS, true, Set.of("TOOL-080", "TOOL-090"),
            "the tool id differs from the upstream's: the next turn's tool_result will not match"),
        Arguments.of(FeatureDefect.RENAME_HISTORY_TOOL_IDS, true, Set.of("TOOL-070", "TOOL-080"),
            "a tool id of the history reached the upstream changed (expected toolu_01Ay5KzhmQYMK53svGLaAxfc, got call_01Ay5KzhmQYMK53svGLaAxfc)"),
        Arguments.of(FeatureDefect.FLATTEN_TOOL_RESULT, true, Set.of("TOOL-070", "TOOL-080"),
            "the tool_result block reached the upstream changed"),
        Arguments.of(FeatureDefect.DROP_SERVER_TOOL_RESULTS, true, Set.of("TOOL-090"),
            "a different number of server tool blocks than the recording"),
        // The replay upstream verifies signatures as the official API does: the stripped history is refused (THINK-030).
        Arguments.of(FeatureDefect.STRIP_SIGNATURE, true, Set.of("THINK-010", "THINK-030", "THINK-040"),
            "stopped without a signature (expected a signature_delta before content_block_stop, got no signature)"),
        Arguments.of(FeatureDefect.REWRITE_THINKING, true, Set.of("THINK-040"),
            "the thinking differs from the recording"),
        Arguments.of(FeatureDefect.DROP_REDACTED_THINKING, true, Set.of("THINK-020"),
            "redacted_thinking blocks were dropped or added (expected 2 redacted_thinking blocks, got 0)"),
        Arguments.of(FeatureDefect.ALTER_HISTORY_SIGNATURE, true, Set.of("THINK-030"),
            "Invalid `signature` in `thinking` block"),
        Arguments.of(FeatureDefect.DROP_CACHE_CONTROL, true, Set.of("CACHE-010"),
            "at /system/0/cache_control: a cache_control marker did not reach the upstream (removed)"),
        Arguments.of(FeatureDefect.ZERO_CACHE_USAGE, true, Set.of("CACHE-020", "CACHE-030"),
            "CACHE-020 at /usage/cache_read_input_tokens: the cache counter differs from the upstream's (expected 2055, got 0)"),
        // Live: no recording to compare with, only the scenario's invariants.
        Arguments.of(FeatureDefect.DROP_TOOL_USE, false, Set.of("TOOL-010", "TOOL-020", "TOOL-030"),
            "tool_choice tool was not honoured: the response has no tool_use block (expected a tool_use block naming weather, got blocks [])"),
        Arguments.of(FeatureDefect.STRIP_SIGNATURE, false, Set.of("THINK-010", "THINK-030"),
            "stopped without a signature"),
        // Before: passed live, since a response without thinking blocks had no signature to miss.
        Arguments.of(FeatureDefect.STRIP_THINKING_BLOCKS, false, Set.of("THINK-010"),
            "yet the response has no thinking block: the relay strips them"),
        Arguments.of(FeatureDefect.ZERO_CACHE_USAGE, false, Set.of("CACHE-040"),
            "the second identical cacheable request read nothing from the cache"));
  }

  @ParameterizedTest(name = "{0} (hermetic {1}) fails {2}")
  @MethodSource("defects")
  void eachDefectFailsExactlyItsChecks(FeatureDefect defect, boolean hermetic, Set<String> expected, String detail) throws Exception {
    try (FeatureHarness h = new FeatureHarness(defect, Set.of(), hermetic, Map.of())) {
      Map<String, Map<String, Verdict>> results = h.evaluate(AREAS);
      Map<String, String> failures = Harness.failures(results);
      assertThat(failures.keySet()).as("checks failed by %s: %s", defect, failures).isEqualTo(expected);
      failures.forEach((id, message) -> assertThat(message).as(id).contains("FAILED").contains(id));
      StringBuilder all = new StringBuilder();
      results.forEach((id, byScenario) -> byScenario.forEach((scenario, v) -> {
        if (v.outcome() == Outcome.FAILED) all.append(scenario).append(": ").append(v.message()).append('\n');
      }));
      assertThat(all.toString()).contains(detail);
    }
  }
}
