package dev.relaytck.schema;

import static dev.relaytck.schema.SchemaIssue.Kind.VIOLATION;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * For every known type, in every valid sample that holds one: removing a required field is
 * exactly one VIOLATION at that field's pointer, and giving a required field a value of the wrong
 * JSON type is a VIOLATION at that pointer and nowhere else. The required fields below are the
 * API reference's, written out independently of the schema documents so that each checks the other.
 */
class KnownTypesTests {
  private static final WireSchemas SCHEMAS = WireSchemas.bundled();
  private static final java.util.concurrent.atomic.AtomicInteger MUTATIONS = new java.util.concurrent.atomic.AtomicInteger();

  /** Response side: Message, its content blocks and their nested results, citations, stream events and deltas. */
  static final Map<String, List<String>> RESPONSE = Map.ofEntries(
      entry("message", List.of("id", "type", "role", "content", "model", "stop_reason", "usage")),
      entry("text", List.of("type", "text")),
      entry("tool_use", List.of("type", "id", "name", "input")),
      entry("server_tool_use", List.of("type", "id", "name", "input")),
      entry("thinking", List.of("type", "thinking")),
      entry("redacted_thinking", List.of("type", "data")),
      entry("web_search_tool_result", List.of("type", "tool_use_id", "content")),
      entry("web_search_result", List.of("type", "url", "title", "encrypted_content")),
      entry("web_search_tool_result_error", List.of("type", "error_code")),
      entry("web_fetch_tool_result", List.of("type", "tool_use_id", "content")),
      entry("web_fetch_result", List.of("type", "url", "content")),
      entry("web_fetch_tool_result_error", List.of("type", "error_code")),
      entry("document", List.of("type", "source")),
      entry("code_execution_tool_result", List.of("type", "tool_use_id", "content")),
      entry("code_execution_result", List.of("type", "stdout", "stderr", "return_code", "content")),
      entry("encrypted_code_execution_result", List.of("type", "encrypted_stdout", "stderr", "return_code", "content")),
      entry("code_execution_tool_result_error", List.of("type", "error_code")),
      entry("code_execution_output", List.of("type", "file_id")),
      entry("bash_code_execution_tool_result", List.of("type", "tool_use_id", "content")),
      entry("bash_code_execution_result", List.of("type", "stdout", "stderr", "return_code", "content")),
      entry("bash_code_execution_tool_result_error", List.of("type", "error_code")),
      entry("bash_code_execution_output", List.of("type", "file_id")),
      entry("text_editor_code_execution_tool_result", List.of("type", "tool_use_id", "content")),
      entry("text_editor_code_execution_view_result", List.of("type", "content", "file_type")),
      entry("text_editor_code_execution_create_result", List.of("type", "is_file_update")),
      entry("text_editor_code_execution_str_replace_result", List.of("type")),
      entry("text_editor_code_execution_tool_result_error", List.of("type", "error_code")),
      entry("tool_search_tool_result", List.of("type", "tool_use_id", "content")),
      entry("tool_search_tool_search_result", List.of("type", "tool_references")),
      entry("tool_search_tool_result_error", List.of("type", "error_code")),
      entry("tool_reference", List.of("type", "tool_name")),
      entry("mcp_tool_use", List.of("type", "id", "name", "server_name", "input")),
      entry("mcp_tool_result", List.of("type", "tool_use_id", "content")),
      entry("advisor_tool_result", List.of("type", "tool_use_id", "content")),
      entry("advisor_result", List.of("type", "text")),
      entry("advisor_redacted_result", List.of("type", "encrypted_content")),
      entry("advisor_tool_result_error", List.of("type", "error_code")),
      entry("container_upload", List.of("type", "file_id")),
      entry("compaction", List.of("type", "content")),
      entry("char_location", List.of("type", "cited_text", "document_index", "start_char_index", "end_char_index")),
      entry("page_location", List.of("type", "cited_text", "document_index", "start_page_number", "end_page_number")),
      entry("content_block_location", List.of("type", "cited_text", "document_index", "start_block_index", "end_block_index")),
      entry("web_search_result_location", List.of("type", "cited_text", "url", "encrypted_index")),
      entry("search_result_location",
          List.of("type", "cited_text", "source", "search_result_index", "start_block_index", "end_block_index")),
      entry("message_start", List.of("type", "message")),
      entry("content_block_start", List.of("type", "index", "content_block")),
      entry("content_block_delta", List.of("type", "index", "delta")),
      entry("content_block_stop", List.of("type", "index")),
      entry("message_delta", List.of("type", "delta", "usage")),
      entry("message_stop", List.of("type")),
      entry("ping", List.of("type")),
      entry("error", List.of("type", "error")),
      entry("text_delta", List.of("type", "text")),
      entry("input_json_delta", List.of("type", "partial_json")),
      entry("thinking_delta", List.of("type", "thinking")),
      entry("signature_delta", List.of("type", "signature")),
      entry("citations_delta", List.of("type", "citation")),
      entry("compaction_delta", List.of("type", "content")));

  /** Request side: the content blocks of request messages, their sources, tool_choice and thinking. */
  static final Map<String, List<String>> REQUEST_BLOCKS = Map.ofEntries(
      entry("text", List.of("type", "text")),
      entry("image", List.of("type", "source")),
      entry("document", List.of("type", "source")),
      entry("search_result", List.of("type", "source", "title", "content")),
      entry("tool_use", List.of("type", "id", "name", "input")),
      entry("tool_result", List.of("type", "tool_use_id")),
      entry("thinking", List.of("type", "thinking", "signature")),
      entry("redacted_thinking", List.of("type", "data")),
      entry("server_tool_use", List.of("type", "id", "name", "input")),
      entry("web_search_tool_result", List.of("type", "tool_use_id", "content")),
      entry("container_upload", List.of("type", "file_id")));
  static final Map<String, List<String>> REQUEST_SOURCES = Map.ofEntries(
      entry("base64", List.of("type", "media_type", "data")),
      entry("url", List.of("type", "url")),
      entry("file", List.of("type", "file_id")),
      entry("text", List.of("type", "media_type", "data")));
  static final Map<String, List<String>> REQUEST_OPTIONS = Map.ofEntries(
      entry("tool_choice:tool", List.of("type", "name")),
      entry("tool_choice:auto", List.of("type")),
      entry("tool_choice:any", List.of("type")),
      entry("thinking:enabled", List.of("type", "budget_tokens")),
      entry("thinking:adaptive", List.of("type")));

  /** Objects whose {@code type} names something else than a block, event or result (enumerations of their own). */
  private static final Set<String> NOT_BLOCKS = Set.of("iterations", "skills", "source", "caller", "stop_details", "error",
      "input", "input_schema", "schema");

  @Test
  void everyKnownResponseTypeEnforcesItsRequiredFieldsAndValueTypes() {
    Set<String> exercised = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    for (WireType type : List.of(WireType.MESSAGE, WireType.STREAM_EVENT)) {
      for (WireSamples.Sample sample : WireSamples.valid(type)) {
        walk(sample.document(), "", "", (pointer, parentKey) -> {
          JsonNode node = sample.document().at(pointer);
          String name = node.path("type").asText();
          boolean root = pointer.isEmpty();
          if ((root || !NOT_BLOCKS.contains(parentKey)) && RESPONSE.containsKey(name) && !(root ^ isRootType(name))) {
            exercised.add(name);
            mutateRequired(sample, pointer, RESPONSE.get(name), failures);
          }
        });
      }
    }
    System.out.printf("response side: %d types exercised, %d mutations so far%n", exercised.size(), MUTATIONS.get());
    assertThat(failures).isEmpty();
    assertThat(exercised).as("known types present in the valid samples").containsAll(RESPONSE.keySet());
  }

  @Test
  void everyKnownRequestTypeEnforcesItsRequiredFieldsAndValueTypes() {
    Set<String> exercised = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    for (WireSamples.Sample sample : WireSamples.valid(WireType.MESSAGES_REQUEST)) {
      walk(sample.document(), "", "", (pointer, parentKey) -> {
        JsonNode node = sample.document().at(pointer);
        String name = node.path("type").asText();
        List<String> required = null;
        if (pointer.matches("/messages/\\d+/content/\\d+")) {
          required = REQUEST_BLOCKS.get(name);
        } else if (pointer.matches("/messages/\\d+/content/\\d+/source")) {
          required = REQUEST_SOURCES.get(name);
        } else if (pointer.equals("/tool_choice") || pointer.equals("/thinking")) {
          name = pointer.substring(1) + ":" + name;
          required = REQUEST_OPTIONS.get(name);
        }
        if (required != null) {
          exercised.add(name);
          mutateRequired(sample, pointer, required, failures);
        }
      });
    }
    System.out.printf("request side: %d types exercised, %d mutations so far%n", exercised.size(), MUTATIONS.get());
    assertThat(failures).isEmpty();
    Set<String> expected = new TreeSet<>(REQUEST_BLOCKS.keySet());
    expected.addAll(REQUEST_SOURCES.keySet());
    expected.addAll(REQUEST_OPTIONS.keySet());
    assertThat(exercised).as("request types present in the valid samples").containsAll(expected);
  }

  private static boolean isRootType(String name) {
    return List.of("message", "message_start", "content_block_start", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop", "ping", "error").contains(name);
  }

  private static void mutateRequired(WireSamples.Sample sample, String pointer, List<String> required, List<String> failures) {
    JsonNode object = sample.document().at(pointer);
    for (String field : required) {
      String at = pointer + "/" + field;
      if (!object.has(field)) {
        failures.add(sample + " " + pointer + ": valid sample lacks required " + field);
        continue;
      }
      MUTATIONS.addAndGet(2);
      List<SchemaIssue> missing = SCHEMAS.validate(sample.type(), WireSamples.remove(sample.document(), at));
      if (missing.size() != 1 || missing.get(0).kind() != VIOLATION || !missing.get(0).pointer().equals(at)) {
        failures.add(sample + ": without " + at + " expected one VIOLATION there, got " + missing);
      }
      String wrong = object.get(field).isBoolean() ? "\"yes\"" : "true";
      List<SchemaIssue> mistyped = SCHEMAS.validate(sample.type(), WireSamples.set(sample.document(), at, wrong));
      if (mistyped.isEmpty() || !mistyped.stream().allMatch(i -> i.kind() == VIOLATION && i.pointer().equals(at))) {
        failures.add(sample + ": " + at + " = " + wrong + " expected VIOLATIONs there only, got " + mistyped);
      }
    }
  }

  /** Visits every object that has a textual {@code type}, with its pointer and the key it sits under. */
  private static void walk(JsonNode node, String pointer, String parentKey, BiConsumer<String, String> visit) {
    if (node.isObject()) {
      if (node.path("type").isTextual()) {
        visit.accept(pointer, parentKey);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!Set.of("input", "input_schema", "schema").contains(field.getKey())) {
          walk(field.getValue(), pointer + "/" + JsonPointers.escape(field.getKey()), field.getKey(), visit);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, parentKey, visit);
      }
    }
  }
}
