package dev.relaytck.schema;

import static dev.relaytck.schema.SchemaIssue.Kind.EXTENSION;
import static dev.relaytck.schema.SchemaIssue.Kind.VIOLATION;
import static dev.relaytck.schema.WireSamples.parse;
import static dev.relaytck.schema.WireSamples.remove;
import static dev.relaytck.schema.WireSamples.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireSchemasTests {
  private static final WireSchemas SCHEMAS = WireSchemas.bundled();

  static final JsonNode MESSAGE = parse("""
      {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-test",
       "content":[{"type":"text","text":"Hi","citations":null},
                  {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}},
                  {"type":"thinking","thinking":"hmm","signature":"EqQB"},
                  {"type":"text","text":"see","citations":[{"type":"char_location","cited_text":"x",
                    "document_index":0,"document_title":null,"start_char_index":0,"end_char_index":1}]}],
       "stop_reason":"end_turn","stop_sequence":null,
       "usage":{"input_tokens":10,"output_tokens":5,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}
      """);
  static final JsonNode REQUEST = parse("""
      {"model":"claude-test","max_tokens":64,
       "messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}],
       "tool_choice":{"type":"auto"},"thinking":{"type":"enabled","budget_tokens":1024}}
      """);
  static final JsonNode MESSAGE_START = parse(
      "{\"type\":\"message_start\",\"message\":" + MESSAGE.toString().replace("\"end_turn\"", "null") + "}");
  static final JsonNode BLOCK_START = parse("""
      {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");
  static final JsonNode TEXT_DELTA = parse("""
      {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}""");
  static final JsonNode JSON_DELTA = parse("""
      {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"ci"}}""");
  static final JsonNode SIGNATURE_DELTA = parse("""
      {"type":"content_block_delta","index":2,"delta":{"type":"signature_delta","signature":"EqQB"}}""");
  static final JsonNode CITATIONS_DELTA = parse("""
      {"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location",
       "cited_text":"x","url":"https://example.com","title":"Example","encrypted_index":"Eo8B"}}}""");
  static final JsonNode BLOCK_STOP = parse("{\"type\":\"content_block_stop\",\"index\":0}");
  static final JsonNode MESSAGE_DELTA = parse("""
      {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}""");
  static final JsonNode ERROR_EVENT = parse("""
      {"type":"error","error":{"details":null,"type":"overloaded_error","message":"Overloaded"}}""");
  static final JsonNode ERROR = parse("""
      {"type":"error","error":{"type":"not_found_error","message":"model: nope"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""");
  static final JsonNode MODEL = parse("""
      {"type":"model","id":"claude-test","display_name":"Claude Test","created_at":"2025-02-19T00:00:00Z"}""");
  static final JsonNode MODEL_LIST = parse(
      "{\"data\":[" + MODEL + "],\"has_more\":false,\"first_id\":\"claude-test\",\"last_id\":\"claude-test\"}");
  static final JsonNode COUNT_REQUEST = parse("""
      {"model":"claude-test","messages":[{"role":"user","content":"Hi"}],"system":"Be brief."}""");
  static final JsonNode COUNT_RESPONSE = parse("{\"input_tokens\":14}");

  static Stream<WireSamples.Sample> validSamples() {
    return Arrays.stream(WireType.values()).flatMap(type -> WireSamples.valid(type).stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSamples")
  @DisplayName("a valid document of every wire type has no issue")
  void validSamplesPass(WireSamples.Sample sample) {
    assertThat(SCHEMAS.validate(sample.type(), sample.document())).isEmpty();
  }

  @Test
  void handWrittenBaseDocumentsPass() {
    assertThat(SCHEMAS.validate(WireType.MESSAGE, MESSAGE)).isEmpty();
    assertThat(SCHEMAS.validate(WireType.MESSAGES_REQUEST, REQUEST)).isEmpty();
    for (JsonNode event : List.of(MESSAGE_START, BLOCK_START, TEXT_DELTA, JSON_DELTA, SIGNATURE_DELTA, CITATIONS_DELTA,
        BLOCK_STOP, MESSAGE_DELTA, ERROR_EVENT, parse("{\"type\":\"ping\"}"), parse("{\"type\":\"message_stop\"}"))) {
      assertThat(SCHEMAS.validate(WireType.STREAM_EVENT, event)).as(event.toString()).isEmpty();
    }
    assertThat(SCHEMAS.validate(WireType.ERROR, ERROR)).isEmpty();
    assertThat(SCHEMAS.validate(WireType.MODEL, MODEL)).isEmpty();
    assertThat(SCHEMAS.validate(WireType.MODEL_LIST, MODEL_LIST)).isEmpty();
    assertThat(SCHEMAS.validate(WireType.COUNT_TOKENS_REQUEST, COUNT_REQUEST)).isEmpty();
    assertThat(SCHEMAS.validate(WireType.COUNT_TOKENS_RESPONSE, COUNT_RESPONSE)).isEmpty();
  }

  /** {@code (type, broken document, pointer of the one violation, words its message contains)}. */
  static Stream<Arguments> violations() {
    return Stream.of(
        v(WireType.MESSAGE, remove(MESSAGE, "/id"), "/id", "required field \"id\" is missing"),
        v(WireType.MESSAGE, remove(MESSAGE, "/usage"), "/usage", "required field \"usage\" is missing"),
        v(WireType.MESSAGE, remove(MESSAGE, "/usage/output_tokens"), "/usage/output_tokens", "missing"),
        v(WireType.MESSAGE, set(MESSAGE, "/usage/input_tokens", "\"10\""), "/usage/input_tokens", "expected integer, found string \"10\""),
        v(WireType.MESSAGE, set(MESSAGE, "/usage/cache_creation_input_tokens", "-1"), "/usage/cache_creation_input_tokens", "expected at least 0, found -1"),
        v(WireType.MESSAGE, set(MESSAGE, "/role", "\"user\""), "/role", "expected \"assistant\", found \"user\""),
        v(WireType.MESSAGE, set(MESSAGE, "/type", "\"chat.completion\""), "/type", "expected \"message\""),
        v(WireType.MESSAGE, set(MESSAGE, "/content", "\"Hi\""), "/content", "expected array, found string"),
        v(WireType.MESSAGE, set(MESSAGE, "/stop_reason", "3"), "/stop_reason", "expected string or null, found integer 3"),
        v(WireType.MESSAGE, remove(MESSAGE, "/content/0/text"), "/content/0/text", "required field \"text\" is missing in text"),
        v(WireType.MESSAGE, set(MESSAGE, "/content/0/text", "5"), "/content/0/text", "expected string, found integer 5"),
        v(WireType.MESSAGE, remove(MESSAGE, "/content/1/input"), "/content/1/input", "missing in tool_use"),
        v(WireType.MESSAGE, set(MESSAGE, "/content/1/input", "\"{\\\"city\\\":\\\"Paris\\\"}\""), "/content/1/input", "expected object, found string"),
        v(WireType.MESSAGE, remove(MESSAGE, "/content/2/signature"), "/content/2/signature", "missing in thinking"),
        v(WireType.MESSAGE, remove(MESSAGE, "/content/3/citations/0/cited_text"), "/content/3/citations/0/cited_text", "missing in char_location"),
        v(WireType.MESSAGE, set(MESSAGE, "/content/3/citations/0/start_char_index", "\"0\""), "/content/3/citations/0/start_char_index", "expected integer"),
        v(WireType.MESSAGE, set(MESSAGE, "/content/0/type", "7"), "/content/0/type", "expected string, found integer 7"),
        v(WireType.MESSAGE, remove(MESSAGE, "/content/0/type"), "/content/0/type", "required field \"type\" is missing"),

        v(WireType.STREAM_EVENT, remove(MESSAGE_START, "/message"), "/message", "required field \"message\" is missing in message_start"),
        v(WireType.STREAM_EVENT, remove(MESSAGE_START, "/message/usage"), "/message/usage", "missing"),
        v(WireType.STREAM_EVENT, set(BLOCK_START, "/index", "\"0\""), "/index", "expected integer, found string"),
        v(WireType.STREAM_EVENT, remove(BLOCK_START, "/content_block"), "/content_block", "missing"),
        v(WireType.STREAM_EVENT, remove(TEXT_DELTA, "/delta/text"), "/delta/text", "missing in text_delta"),
        v(WireType.STREAM_EVENT, remove(TEXT_DELTA, "/index"), "/index", "missing in content_block_delta"),
        v(WireType.STREAM_EVENT, set(JSON_DELTA, "/delta/partial_json", "{\"city\":\"Paris\"}"), "/delta/partial_json", "expected string, found an object"),
        v(WireType.STREAM_EVENT, set(SIGNATURE_DELTA, "/delta/signature", "null"), "/delta/signature", "expected string, found null"),
        v(WireType.STREAM_EVENT, remove(CITATIONS_DELTA, "/delta/citation/url"), "/delta/citation/url", "missing in web_search_result_location"),
        v(WireType.STREAM_EVENT, set(BLOCK_STOP, "/index", "-1"), "/index", "expected at least 0, found -1"),
        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/temperature", "1.5"), "/temperature", "expected at most 1, found 1.5"),
        v(WireType.STREAM_EVENT, remove(MESSAGE_DELTA, "/usage"), "/usage", "missing in message_delta"),
        v(WireType.STREAM_EVENT, remove(MESSAGE_DELTA, "/usage/output_tokens"), "/usage/output_tokens", "missing"),
        v(WireType.STREAM_EVENT, set(MESSAGE_DELTA, "/delta", "null"), "/delta", "expected object, found null"),
        v(WireType.STREAM_EVENT, remove(ERROR_EVENT, "/error/message"), "/error/message", "missing"),
        v(WireType.STREAM_EVENT, set(ERROR_EVENT, "/error", "\"Overloaded\""), "/error", "expected object, found string"),

        v(WireType.MESSAGES_REQUEST, remove(REQUEST, "/max_tokens"), "/max_tokens", "required field \"max_tokens\" is missing"),
        v(WireType.MESSAGES_REQUEST, remove(REQUEST, "/messages/0/role"), "/messages/0/role", "missing"),
        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/messages/0/content/0/text", "1"), "/messages/0/content/0/text", "expected string"),
        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/temperature", "\"hot\""), "/temperature", "expected number"),
        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/tool_choice", "{\"type\":\"tool\"}"), "/tool_choice/name", "missing in tool"),
        v(WireType.MESSAGES_REQUEST, remove(REQUEST, "/thinking/budget_tokens"), "/thinking/budget_tokens", "missing in enabled"),
        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/tools", "[{\"name\":\"f\"}]"), "/tools/0/input_schema", "missing"),

        v(WireType.ERROR, remove(ERROR, "/error"), "/error", "missing"),
        v(WireType.ERROR, remove(ERROR, "/error/message"), "/error/message", "missing"),
        v(WireType.ERROR, set(ERROR, "/request_id", "42"), "/request_id", "expected string or null"),
        v(WireType.COUNT_TOKENS_REQUEST, remove(COUNT_REQUEST, "/messages"), "/messages", "missing"),
        v(WireType.COUNT_TOKENS_RESPONSE, set(COUNT_RESPONSE, "/input_tokens", "\"14\""), "/input_tokens", "expected integer"),
        v(WireType.COUNT_TOKENS_RESPONSE, parse("{}"), "/input_tokens", "missing"),
        v(WireType.MODEL, remove(MODEL, "/display_name"), "/display_name", "missing"),
        v(WireType.MODEL, set(MODEL, "/type", "\"llm\""), "/type", "expected \"model\""),
        v(WireType.MODEL_LIST, set(MODEL_LIST, "/has_more", "\"no\""), "/has_more", "expected boolean"),
        v(WireType.MODEL_LIST, remove(MODEL_LIST, "/data/0/id"), "/data/0/id", "missing"));
  }

  private static Arguments v(WireType type, JsonNode document, String pointer, String words) {
    return Arguments.of(type, document, pointer, words);
  }

  @ParameterizedTest(name = "{0} {2}: {3}")
  @MethodSource("violations")
  @DisplayName("a missing required field or a wrong value type is one VIOLATION at its pointer")
  void brokenKnownTypeIsAViolation(WireType type, JsonNode document, String pointer, String words) {
    List<SchemaIssue> issues = SCHEMAS.validate(type, document);
    assertThat(issues).as("issues of %s", document).hasSize(1);
    assertThat(issues.get(0).kind()).isEqualTo(VIOLATION);
    assertThat(issues.get(0).pointer()).isEqualTo(pointer);
    assertThat(issues.get(0).message()).contains(words);
  }

  /** {@code (type, document with something new, pointer of the one extension, words its message contains)}. */
  static Stream<Arguments> extensions() {
    return Stream.of(
        v(WireType.MESSAGE, set(MESSAGE, "/new_top_level", "{\"a\":1}"), "/new_top_level", "unknown field \"new_top_level\""),
        v(WireType.MESSAGE, set(MESSAGE, "/content/0/new_field", "true"), "/content/0/new_field", "unknown field \"new_field\" in text"),
        v(WireType.MESSAGE, set(MESSAGE, "/content/-", "{\"type\":\"hologram\",\"frames\":[1]}"), "/content/4/type", "unknown value \"hologram\""),
        v(WireType.MESSAGE, set(MESSAGE, "/stop_reason", "\"out_of_coffee\""), "/stop_reason", "unknown value \"out_of_coffee\""),
        v(WireType.MESSAGE, set(MESSAGE, "/usage/quantum_tokens", "3"), "/usage/quantum_tokens", "unknown field"),
        v(WireType.MESSAGE, set(MESSAGE, "/usage/service_tier", "\"economy\""), "/usage/service_tier", "unknown value \"economy\""),
        v(WireType.MESSAGE, set(MESSAGE, "/content/3/citations/0", "{\"type\":\"video_location\",\"cited_text\":\"x\"}"),
            "/content/3/citations/0/type", "unknown value \"video_location\""),
        v(WireType.MESSAGE, set(MESSAGE, "/a~1b~0c", "1"), "/a~1b~0c", "unknown field \"a/b~c\""),

        v(WireType.STREAM_EVENT, parse("{\"type\":\"message_pause\",\"reason\":\"x\"}"), "/type", "unknown value \"message_pause\""),
        v(WireType.STREAM_EVENT, set(TEXT_DELTA, "/delta", "{\"type\":\"audio_delta\",\"audio\":\"UklG\"}"), "/delta/type", "unknown value \"audio_delta\""),
        v(WireType.STREAM_EVENT, set(BLOCK_START, "/content_block", "{\"type\":\"hologram\"}"), "/content_block/type", "unknown value \"hologram\""),
        v(WireType.STREAM_EVENT, set(MESSAGE_DELTA, "/delta/stop_reason", "\"out_of_coffee\""), "/delta/stop_reason", "unknown value"),
        v(WireType.STREAM_EVENT, set(MESSAGE_DELTA, "/delta/new_field", "1"), "/delta/new_field", "unknown field"),
        v(WireType.STREAM_EVENT, parse("{\"type\":\"ping\",\"sequence\":3}"), "/sequence", "unknown field \"sequence\" in ping"),
        v(WireType.STREAM_EVENT, set(ERROR_EVENT, "/error/type", "\"teapot_error\""), "/error/type", "unknown value \"teapot_error\""),

        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/new_option", "true"), "/new_option", "unknown field"),
        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/messages/0/content/-", "{\"type\":\"tool_addition\",\"tool\":{}}"),
            "/messages/0/content/1/type", "unknown value \"tool_addition\""),
        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/tool_choice", "{\"type\":\"maybe\"}"), "/tool_choice/type", "unknown value"),
        v(WireType.MESSAGES_REQUEST, set(REQUEST, "/messages/0/role", "\"system\""), "/messages/0/role", "unknown value \"system\""),
        v(WireType.ERROR, set(ERROR, "/error/type", "\"teapot_error\""), "/error/type", "unknown value \"teapot_error\""),
        v(WireType.COUNT_TOKENS_RESPONSE, set(COUNT_RESPONSE, "/output_tokens", "0"), "/output_tokens", "unknown field"),
        v(WireType.MODEL, set(MODEL, "/context_window", "200000"), "/context_window", "unknown field"));
  }

  @ParameterizedTest(name = "{0} {2}: {3}")
  @MethodSource("extensions")
  @DisplayName("an unknown field, type or value is one EXTENSION, never a violation")
  void unknownIsAnExtension(WireType type, JsonNode document, String pointer, String words) {
    List<SchemaIssue> issues = SCHEMAS.validate(type, document);
    assertThat(issues).as("issues of %s", document).hasSize(1);
    assertThat(issues.get(0).kind()).isEqualTo(EXTENSION);
    assertThat(issues.get(0).pointer()).isEqualTo(pointer);
    assertThat(issues.get(0).message()).contains(words);
  }

  @Test
  void unknownBlockIsNotValidatedFurther() {
    // An unknown type says nothing about its fields: it must not drag in the rules of any known type.
    JsonNode odd = set(MESSAGE, "/content/-", "{\"type\":\"hologram\",\"text\":5,\"input\":\"x\"}");
    assertThat(SCHEMAS.validate(WireType.MESSAGE, odd))
        .extracting(SchemaIssue::kind, SchemaIssue::pointer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(EXTENSION, "/content/4/type"));
  }

  @Test
  void violationsAndExtensionsAreReportedTogether() {
    JsonNode both = set(remove(MESSAGE, "/model"), "/content/0/new_field", "1");
    assertThat(SCHEMAS.validate(WireType.MESSAGE, both))
        .extracting(SchemaIssue::kind, SchemaIssue::pointer)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(VIOLATION, "/model"),
            org.assertj.core.groups.Tuple.tuple(EXTENSION, "/content/0/new_field"));
  }

  @Test
  void thinkingBlockStartMayOmitItsSignature() {
    // The documented content_block_start of a thinking block has no signature: it comes by signature_delta.
    JsonNode start = parse("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}");
    assertThat(SCHEMAS.validate(WireType.STREAM_EVENT, start)).isEmpty();
  }

  @Test
  void edgeErrorWithoutTypeOrRequestIdIsValid() {
    // ISSUE_EVIDENCE.md: the 413 comes from the edge as {"error":{...}} only.
    JsonNode edge413 = parse("{\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum size\"}}");
    assertThat(SCHEMAS.validate(WireType.ERROR, edge413)).isEmpty();
  }

  @Test
  void anErrorEventNeedsItsType() {
    // The data of an SSE error event dispatches on type, so there it is required.
    assertThat(SCHEMAS.validate(WireType.STREAM_EVENT, remove(ERROR_EVENT, "/type")))
        .extracting(SchemaIssue::kind, SchemaIssue::pointer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(VIOLATION, "/type"));
  }

  @Test
  void nonObjectDocumentIsAViolationAtTheRoot() {
    assertThat(SCHEMAS.validate(WireType.MESSAGE, parse("[1,2]")))
        .extracting(SchemaIssue::kind, SchemaIssue::pointer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(VIOLATION, ""));
  }

  @Test
  void absurdlyDeepNestingIsAViolationNotACrash() {
    // 2,000 nested mcp_tool_result blocks: deeper than the validator's recursion can follow.
    com.fasterxml.jackson.databind.node.ObjectNode inner = WireSamples.JSON.createObjectNode().put("type", "text").put("text", "x");
    for (int i = 0; i < 2000; i++) {
      com.fasterxml.jackson.databind.node.ObjectNode wrap =
          WireSamples.JSON.createObjectNode().put("type", "mcp_tool_result").put("tool_use_id", "toolu_" + i);
      wrap.putArray("content").add(inner);
      inner = wrap;
    }
    JsonNode deep = MESSAGE.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) deep.get("content")).add(inner);
    List<SchemaIssue> issues = SCHEMAS.validate(WireType.MESSAGE, deep);
    assertThat(issues).extracting(SchemaIssue::kind, SchemaIssue::pointer)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(VIOLATION, ""));
    assertThat(issues.get(0).message()).contains("nests content too deeply");
    // and the validator is still usable afterwards
    assertThat(SCHEMAS.validate(WireType.MESSAGE, MESSAGE)).isEmpty();
  }

  @Test
  void nullArgumentsAreRejectedClearly() {
    assertThatThrownBy(() -> SCHEMAS.validate(WireType.MESSAGE, null)).hasMessageContaining("document");
    assertThatThrownBy(() -> SCHEMAS.validate(null, MESSAGE)).hasMessageContaining("type");
  }

  @Test
  void bundledIsOneSharedInstance() {
    assertThat(WireSchemas.bundled()).isSameAs(SCHEMAS);
  }

  @Test
  void concurrentValidationGivesTheSameAnswers() throws Exception {
    JsonNode broken = set(remove(MESSAGE, "/id"), "/content/0/new_field", "1");
    List<SchemaIssue> expected = SCHEMAS.validate(WireType.MESSAGE, broken);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<SchemaIssue>>> tasks = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        tasks.add(() -> SCHEMAS.validate(WireType.MESSAGE, broken));
      }
      for (Future<List<SchemaIssue>> result : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
