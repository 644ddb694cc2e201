package dev.relaytck.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tool inputs as the client receives them: for a stream, the input_json_delta fragments of each
 * tool block concatenated in arrival order (what an SDK parses), and their validation against
 * the tool's input_schema from the request, with the networknt validator.
 */
final class ToolInputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolInputs() {}

  /** One tool block's input as streamed: its concatenated partial_json and the event that closed it. */
  record Streamed(int blockIndex, String name, String json, int startEvent, int stopEvent, long stopOffset) {}

  /** The tool_use (and server_tool_use) blocks of a stream with their concatenated input, by block index. */
  static Map<Integer, Streamed> streamed(Exchange e) {
    Map<Integer, StringBuilder> parts = new TreeMap<>();
    Map<Integer, String> names = new TreeMap<>();
    Map<Integer, Integer> starts = new TreeMap<>();
    Map<Integer, Streamed> out = new TreeMap<>();
    for (SseEvent ev : e.framing().events()) {
      JsonNode d = parse(ev.data());
      if (d == null) continue;
      int index = d.path("index").asInt(-1);
      switch (d.path("type").asText()) {
        case "content_block_start" -> {
          String type = d.path("content_block").path("type").asText();
          if (type.equals("tool_use") || type.equals("server_tool_use")) {
            parts.put(index, new StringBuilder());
            names.put(index, d.path("content_block").path("name").asText(null));
            starts.put(index, ev.index());
          }
        }
        case "content_block_delta" -> {
          StringBuilder sb = parts.get(index);
          if (sb != null && "input_json_delta".equals(d.path("delta").path("type").asText())) {
            sb.append(d.path("delta").path("partial_json").asText(""));
          }
        }
        case "content_block_stop" -> {
          StringBuilder sb = parts.remove(index);
          if (sb != null) out.put(index, new Streamed(index, names.get(index), sb.toString(), starts.get(index), ev.index(), ev.byteOffset()));
        }
        default -> { }
      }
    }
    return out;
  }

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

  private static JsonNode parse(String data) {
    if (data == null) return null;
    try {
      return JSON.readTree(data);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
