package dev.relaytck.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The packaged schema documents themselves: valid 2020-12 schemas that keep the conventions WireSchemas relies on. */
class BundledSchemaDocumentsTests {
  static Stream<String> documents() {
    return Stream.of("common.json", "content-blocks.json", "content-block-params.json", "messages-request.json",
        "message.json", "stream-event.json", "error.json", "count-tokens-request.json", "count-tokens-response.json",
        "model.json", "model-list.json");
  }

  private static JsonNode read(String file) throws IOException {
    try (InputStream in = BundledSchemaDocumentsTests.class.getResourceAsStream("/relay-tck/schemas/anthropic/" + file)) {
      assertThat(in).as("packaged schema " + file).isNotNull();
      return WireSamples.JSON.readTree(in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void isAValidDraft202012Schema(String file) throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    List<Error> errors = meta.validate(read(file));
    assertThat(errors).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void knownEventsGoStraightToTheDefinitionsTheDispatcherWouldPick() throws IOException {
    JsonNode dispatcher = read("stream-event.json");
    List<String> listed = new ArrayList<>();
    dispatcher.path("properties").path("type").path("enum").forEach(v -> listed.add(v.asText()));
    assertThat(WireSchemas.eventTypes()).isEqualTo(listed);
    for (String event : listed) {
      assertThat(dispatcher.path("$defs").has(event)).as("$defs/" + event).isTrue();
    }
  }

  @org.junit.jupiter.api.Test
  void theMetaSchemaCheckCanFail() {
    // Guards the test above against passing vacuously (an offline meta-schema that accepts anything).
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(meta.validate(WireSamples.parse("{\"type\": 5, \"required\": \"id\"}"))).isNotEmpty();
  }

  /**
   * WireSchemas classifies enum failures as extensions. A dispatcher's enum must therefore list
   * exactly the types it has a branch for: a branch without its enum value would report a known
   * type as unknown, an enum value without a branch would leave a known type unchecked.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void everyDispatcherListsExactlyTheTypesItDispatches(String file) throws IOException {
    List<String> problems = new ArrayList<>();
    walk(read(file), "", problems);
    assertThat(problems).isEmpty();
  }

  private static void walk(JsonNode node, String at, List<String> problems) {
    if (node.isObject()) {
      JsonNode allOf = node.get("allOf");
      JsonNode typeEnum = node.path("properties").path("type").get("enum");
      if (allOf != null && typeEnum != null) {
        List<String> branches = new ArrayList<>();
        allOf.forEach(b -> branches.add(b.path("if").path("properties").path("type").path("const").asText()));
        List<String> listed = new ArrayList<>();
        typeEnum.forEach(v -> listed.add(v.asText()));
        if (!branches.equals(listed)) {
          problems.add(at + ": enum " + listed + " but branches " + branches);
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        walk(field.getValue(), at + "/" + field.getKey(), problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, problems);
      }
    }
  }
}
