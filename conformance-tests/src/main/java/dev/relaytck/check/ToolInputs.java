package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tool inputs as the client receives them: for a stream, the input_json_delta fragments of each
 * tool block concatenated in arrival order (what an SDK parses), and their validation against
 * the tool's input_schema from the request, with the networknt validator.
 */
final class ToolInputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolInputs() {}

  /** Why {@code input} does not validate against {@code schema}, one line per finding; empty when it does. */
  static List<String> problems(JsonNode schema, JsonNode input) {
    Schema compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
    List<String> out = new ArrayList<>();
    for (Error err : compiled.validate(input)) {
      out.add(err.getMessage());
    }
    return out;
  }

  /** The input_schema the request declares for tool {@code name}, or {@code null}. */
  static JsonNode schemaOf(JsonNode request, String name) {
    for (JsonNode t : request.path("tools")) {
      if (name != null && name.equals(t.path("name").asText(null)) && t.has("input_schema")) return t.get("input_schema");
    }
    return null;
  }

}
