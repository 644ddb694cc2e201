package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each defect makes exactly its checks fail, with the check's ID and a message that says
 * what was expected, what arrived and where. Hermetic, against the fake upstream.
 */
class DefectiveRelayTests {
  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(Behaviour.OPEN_RELAY, Set.of("AUTH-030"), "the relay forwards requests it should refuse"),
        Arguments.of(Behaviour.ACCEPT_ANY_KEY, Set.of("AUTH-040"), "with a wrong credential was answered 200"),
        Arguments.of(Behaviour.NO_BEARER, Set.of("AUTH-020"), "Authorization: Bearer was refused"),
        Arguments.of(Behaviour.ECHO_KEY, Set.of("AUTH-050"), "header x-relay-debug-key"),
        Arguments.of(Behaviour.STRIP_REQUEST_ID, Set.of("HDR-030"), "header request-id"),
        Arguments.of(Behaviour.JSON_AS_TEXT_PLAIN, Set.of("HDR-040"), "expected application/json, got text/plain"),
        Arguments.of(Behaviour.GZIP_ALWAYS, Set.of("HDR-080"), "got gzip"),
        Arguments.of(Behaviour.DROP_RETRY_AFTER, Set.of("HDR-050"), "expected 7, got absent"),
        Arguments.of(Behaviour.DROP_SHOULD_RETRY, Set.of("HDR-060"), "header x-should-retry"),
        Arguments.of(Behaviour.DROP_RATELIMIT, Set.of("HDR-070"), "header anthropic-ratelimit-requests-limit"),
        Arguments.of(Behaviour.RENAME_TOOL_IDS, Set.of("TOOL-080"), "the tool id differs from the upstream's: the next turn's tool_result will not match"),
        Arguments.of(Behaviour.RENAME_TOOL, Set.of("TOOL-030", "MSG-090"), "expected get_weather, got relay_get_weather"),
        Arguments.of(Behaviour.RENAME_MODEL, Set.of("MSG-040"), "got gpt-4o-mini"),
        Arguments.of(Behaviour.OPENAI_STOP_REASON, Set.of("MSG-050", "MSG-020"), "expected end_turn, got stop"),
        Arguments.of(Behaviour.DROP_USAGE, Set.of("MSG-010", "MSG-070", "MSG-080"), "at /usage"),
        // One wire finding (MSG-080; MSG-120 leaves Message bodies to it when hermetic) and one billing finding (BILL-020).
        Arguments.of(Behaviour.INFLATE_USAGE, Set.of("MSG-080", "BILL-020"), "at /usage/output_tokens"),
        Arguments.of(Behaviour.DROP_STOP_SEQUENCE, Set.of("MSG-060"), "expected one of [STOP]"),
        Arguments.of(Behaviour.APPEND_CONTENT, Set.of("MSG-090"), "at /content"),
        Arguments.of(Behaviour.STREAM_AS_TEXT_PLAIN, Set.of("SSE-010"), "expected text/event-stream, got text/plain; charset=utf-8"),
        Arguments.of(Behaviour.REROUTE_PATH, Set.of("REQ-130"), "expected /v1/messages, got /v1/messages/"),
        Arguments.of(Behaviour.COUNT_TOKENS_OFF_BY_ONE, Set.of("EP-010", "BILL-010"), "expected 12, got 13"),
        Arguments.of(Behaviour.STRIP_EVENT_LINES, Set.of("SSE-020"), "event #0"),
        Arguments.of(Behaviour.APPEND_DONE, Set.of("SSE-040", "SSE-070"), "data: [DONE]"),
        Arguments.of(Behaviour.DUPLICATE_MESSAGE_START, Set.of("EVT-010"), "a second message_start"),
        Arguments.of(Behaviour.DROP_MESSAGE_DELTA, Set.of("EVT-040"), "without a preceding message_delta"),
        Arguments.of(Behaviour.CONTINUE_AFTER_ERROR, Set.of("EVT-060", "ERR-110"), "a normal ending was fabricated after the error event"),
        Arguments.of(Behaviour.CORRUPT_UTF8, Set.of("SSE-050"), "invalid UTF-8"),
        Arguments.of(Behaviour.TRUNCATE_LAST_EVENT, Set.of("SSE-060", "SSE-070"), "no blank line"),
        Arguments.of(Behaviour.HANG_AFTER_STOP, Set.of("SSE-070"), "kept the response open after message_stop"),
        Arguments.of(Behaviour.FABRICATE_STOP, Set.of("FAULT-010"), "yet the client received a complete message"),
        Arguments.of(Behaviour.SWALLOW_ERROR_EVENT, Set.of("ERR-110"), "never reached the client"),
        Arguments.of(Behaviour.INJECT_SYSTEM, Set.of("REQ-010", "REQ-020"), "a field was added"),
        Arguments.of(Behaviour.DROP_BETA, Set.of("HDR-020"), "header anthropic-beta"),
        Arguments.of(Behaviour.PIN_VERSION, Set.of("HDR-010"), "expected 2023-06-01, got 2024-01-01"),
        Arguments.of(Behaviour.STRIP_QUERY, Set.of("REQ-100"), "expected ?beta=true, got no query"),
        Arguments.of(Behaviour.MANGLE_UNICODE, Set.of("REQ-010", "REQ-030", "REQ-110"), "non-ASCII text was altered"),
        Arguments.of(Behaviour.SWAP_MODEL_UPSTREAM, Set.of("REQ-010", "REQ-090"), "got claude-cheaper-model"),
        Arguments.of(Behaviour.CLAMP_MAX_TOKENS, Set.of("REQ-010", "REQ-060"), "at /max_tokens"),
        Arguments.of(Behaviour.DROP_CACHE_CONTROL, Set.of("CACHE-010", "REQ-010", "REQ-020", "REQ-080"), "a cache_control marker was removed"),
        Arguments.of(Behaviour.DROP_THINKING, Set.of("REQ-010", "REQ-050"), "at /thinking"),
        Arguments.of(Behaviour.DROP_METADATA, Set.of("REQ-010", "REQ-070"), "at /metadata"),
        Arguments.of(Behaviour.DROP_TOOL_CHOICE, Set.of("REQ-010", "REQ-040"), "at /tool_choice"),
        Arguments.of(Behaviour.RETRY_ON_5XX, Set.of("FAULT-050"), "the same request upstream 2 times"),
        Arguments.of(Behaviour.ERRORS_AS_502, Set.of("ERR-020", "ERR-040", "ERR-070", "ERR-090", "EP-050"), "expected 403, got 502"),
        Arguments.of(Behaviour.REWRITE_529_TO_500, Set.of("ERR-090"), "expected 529, got 500"),
        Arguments.of(Behaviour.OPENAI_ERROR_BODY, Set.of("ERR-010", "ERR-120", "EP-050"), "the error body's type is not \"error\""),
        Arguments.of(Behaviour.LEAK_STACK_TRACE, Set.of("ERR-100"), "Proxy.java:42"),
        Arguments.of(Behaviour.UNKNOWN_PATH_HTML, Set.of("EP-050"), "not a JSON object"),
        Arguments.of(Behaviour.COUNT_TOKENS_ESTIMATED, Set.of("EP-010", "EP-020", "BILL-010"),
            "count_tokens disagrees with usage.input_tokens of text-stream (the same conversation)"),
        Arguments.of(Behaviour.MODELS_OPENAI_SHAPE, Set.of("EP-030", "EP-040"), "OpenAI-style object: model"),
        Arguments.of(Behaviour.MODELS_NO_ID_ROUTE, Set.of("EP-040"), "expected 200, got 404"),
        Arguments.of(Behaviour.STALE_CONTENT_LENGTH, Set.of("HDR-090", "EP-010", "EP-020", "HDR-040", "HDR-060", "HDR-070"),
            "HDR-090 header content-length: the body has 19 bytes where Content-Length declared 35"),
        Arguments.of(Behaviour.BODY_LIMIT_1MB, Set.of("REQ-120"), "MB request was answered 413"),
        Arguments.of(Behaviour.DROP_PING, Set.of("SSE-045"), "the upstream sent 1 ping event(s), the client received 0"),
        Arguments.of(Behaviour.HANG_ON_UPSTREAM_DROP, Set.of("FAULT-010"), "the upstream closed after 4 events, yet the client's stream did not end"));
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @MethodSource("defects")
  void eachDefectFailsExactlyItsChecks(Behaviour defect, Set<String> expected, String detail) throws Exception {
    try (Harness h = new Harness(EnumSet.of(defect), true, Map.of())) {
      Map<String, String> failures = Harness.failures(h.evaluate());
      assertThat(failures.keySet()).as("checks failed by %s: %s", defect, failures).isEqualTo(expected);
      failures.forEach((id, message) -> assertThat(message).as(id).contains("FAILED").contains(id));
      assertThat(String.join("\n", failures.values())).contains(detail);
    }
  }
}
