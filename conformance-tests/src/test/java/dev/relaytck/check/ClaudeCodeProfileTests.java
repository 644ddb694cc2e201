package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.CcCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.CcDefect;
import dev.relaytck.relay.CcHarness;
import dev.relaytck.relay.Harness;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The claude-code profile's request and endpoint checks (CC-010 to CC-120), both ways: a faithful
 * relay passes every one on every Claude Code scenario; each defect fails exactly its checks with
 * the check ID and a message saying what was expected and what arrived. Real replay upstream.
 */
class ClaudeCodeProfileTests {
  private static final double SCALE = 0.01;
  private static final Set<CcCheck> CHECKS = EnumSet.complementOf(EnumSet.of(CcCheck.CC_130, CcCheck.CC_140));

  @Test
  void aFaithfulRelayPassesEveryClaudeCodeCheck() throws Exception {
    try (CcHarness h = new CcHarness(Set.of(), SCALE, 5000)) {
      Map<String, Map<String, Verdict>> results = h.evaluate(CHECKS);
      assertThat(results.keySet()).as("every check ran on some scenario")
          .containsExactlyInAnyOrderElementsOf(CHECKS.stream().map(CcCheck::id).toList());
      assertThat(Harness.failures(results)).isEmpty();
      results.forEach((id, byScenario) -> byScenario.forEach((s, v) ->
          assertThat(v.outcome()).as(id + " on " + s + ": " + v.message()).isEqualTo(Outcome.PASSED)));
      // The fidelity checks ran on every scenario the CLI's captures gave.
      assertThat(results.get("CC-050")).containsKeys("cc-print-read", "cc-print-edit", "cc-print-final", "cc-interactive-read",
          "cc-thinking-enabled", "cc-count-tokens", "cc-background");
    }
  }

  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(CcDefect.ALLOW_LIST_BETAS, Set.of("CC-010"), "(dropped: context-management-2025-06-27"),
        Arguments.of(CcDefect.DROP_BETA_QUERY, Set.of("CC-030"), "expected ?beta=true, got no query"),
        Arguments.of(CcDefect.MERGE_SYSTEM, Set.of("CC-040", "CC-050"), "the system blocks were turned into string"),
        Arguments.of(CcDefect.DROP_CLIENT_HEADERS, Set.of("CC-020"), "x-app did not reach the upstream verbatim"),
        Arguments.of(CcDefect.DROP_UNKNOWN_FIELDS, Set.of("CC-050"), "/context_management"),
        Arguments.of(CcDefect.BUFFER_STREAM, Set.of("CC-060"), "events, although the upstream sent it 1000 ms before the rest: the relay buffers the stream"),
        Arguments.of(CcDefect.REWRITE_ERROR_WORDING, Set.of("CC-120"), "expected 'prompt is too long"),
        // Before: only status, error.type and error.message were compared, so this reshaping passed.
        Arguments.of(CcDefect.OPENAI_ERROR_SHAPE, Set.of("CC-120"), "differs from the upstream's error body"),
        Arguments.of(CcDefect.REDIRECT_MODELS, Set.of("CC-090"), "got 307 to /models?limit=1000"),
        Arguments.of(CcDefect.NO_COUNT_TOKENS, Set.of("CC-070"), "count_tokens is not served"),
        Arguments.of(CcDefect.COUNT_TOKENS_OTHER_SHAPE, Set.of("CC-080"), "the answer has no positive input_tokens"),
        Arguments.of(CcDefect.REWRITE_HAIKU_MODEL, Set.of("CC-050", "CC-110"), "expected claude-haiku-4-5, got claude-opus-5-5"),
        Arguments.of(CcDefect.HEAD_FAILS, Set.of("CC-100"), "HEAD / failed"));
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @MethodSource("defects")
  void eachDefectFailsExactlyItsChecks(CcDefect defect, Set<String> expected, String detail) throws Exception {
    try (CcHarness h = new CcHarness(Set.of(defect), SCALE, 5000)) {
      Map<String, String> failures = Harness.failures(h.evaluate(CHECKS));
      assertThat(failures.keySet()).as("checks failed by %s: %s", defect, failures).isEqualTo(expected);
      failures.forEach((id, message) -> assertThat(message).as(id).contains("FAILED").contains(id));
      assertThat(String.join("\n", failures.values())).contains(detail);
    }
  }

  @Test
  void aRelayServedUnderAPathPrefixPassesEveryClaudeCodeCheck() throws Exception {
    // Before: CC-030 compared the kit's full path (/gw/v1/messages) with the path the upstream received.
    try (CcHarness h = new CcHarness(Set.of(), EnumSet.of(dev.relaytck.relay.Behaviour.MOUNTED_UNDER_GW), SCALE, 5000)) {
      Map<String, Map<String, Verdict>> results = h.evaluate(CHECKS);
      assertThat(Harness.failures(results)).isEmpty();
      assertThat(results.get("CC-030").values()).isNotEmpty().allMatch(v -> v.outcome() == Outcome.PASSED);
    }
  }

  @Test
  void countTokensShapeIsSkippedWhenTheEndpointIsMissing() throws Exception {
    try (CcHarness h = new CcHarness(Set.of(CcDefect.NO_COUNT_TOKENS), SCALE, 5000)) {
      Verdict v = h.evaluate(EnumSet.of(CcCheck.CC_080)).get("CC-080").get("cc-count-tokens");
      assertThat(v.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(v.message()).contains("not served (status 404): see CC-070");
    }
  }
}
