package dev.relaytck.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the final Message from a stream's events the way the official SDKs do, so that a
 * stream can be validated as a Message and compared with a non-streaming response: the
 * message_start payload, each content block from its start event plus its deltas (text,
 * citations, tool input from the concatenated partial_json, thinking and signature), and the
 * message_delta fields (stop_reason, stop_sequence, and anything new) and usage merged in.
 *
 * <p>Delta types it does not know are applied generically: each string field is appended to
 * the block's field of the same name (so {@code compaction_delta.content} builds
 * {@code compaction.content}). The grammar is checked elsewhere ({@link StreamValidator});
 * this class only accumulates the block that is open.
 */
final class MessageAccumulator {
  private ObjectNode message = Json.mapper().createObjectNode();
  private ArrayNode content;
  private ObjectNode block;
  private StringBuilder text;
  private StringBuilder thinking;
  private StringBuilder partialJson;

  /** What closing a block found. */
  record BlockEnd(boolean signed, String inputJson, String inputProblem) {}

  void start(ObjectNode startMessage) {
    message = startMessage.deepCopy();
    JsonNode existing = message.get("content");
    content = existing instanceof ArrayNode a ? a : message.putArray("content");
  }

  ObjectNode message() {
    flush();
    return message;
  }

  void startBlock(ObjectNode startBlock) {
    flush();
    block = startBlock.deepCopy();
    content.add(block);
    text = null;
    thinking = null;
    partialJson = null;
  }

  void applyDelta(ObjectNode delta) {
    if (block == null) {
      return;
    }
    switch (delta.path("type").asText()) {
      case "text_delta" -> text = append(text, "text", delta.path("text").asText(""));
      case "thinking_delta" -> thinking = append(thinking, "thinking", delta.path("thinking").asText(""));
      case "signature_delta" -> block.put("signature", delta.path("signature").asText(""));
      case "input_json_delta" -> {
        if (partialJson == null) partialJson = new StringBuilder();
        partialJson.append(delta.path("partial_json").asText(""));
      }
      case "citations_delta" -> {
        JsonNode citations = block.get("citations");
        ArrayNode list = citations instanceof ArrayNode a ? a : block.putArray("citations");
        list.add(delta.path("citation"));
      }
      default -> appendStrings(delta);
    }
  }

  /** Closes the open block: parses the tool input and says whether a thinking block was signed. */
  BlockEnd stopBlock() {
    if (block == null) {
      return new BlockEnd(false, null, null);
    }
    flush();
    String problem = null;
    String json = partialJson == null ? null : partialJson.toString();
    if (json != null && !json.isEmpty()) {
      try {
        JsonNode input = Json.strictReader().readTree(json);
        if (input != null && input.isObject()) {
          block.set("input", input);
        } else {
          problem = "they form " + (input == null ? "nothing" : "a " + input.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
        }
      } catch (JsonProcessingException e) {
        problem = Json.problem(e);
      }
    }
    boolean signed = block.path("signature").isTextual() && !block.path("signature").asText().isEmpty();
    block = null;
    return new BlockEnd(signed, json, problem);
  }

  /** Merges message_delta: every field of {@code delta} onto the message, every usage field onto its usage. */
  void applyMessageDelta(ObjectNode event) {
    flush();
    JsonNode delta = event.get("delta");
    if (delta instanceof ObjectNode d) {
      d.properties().forEach(e -> message.set(e.getKey(), e.getValue()));
    }
    JsonNode usage = event.get("usage");
    if (usage instanceof ObjectNode u) {
      JsonNode existing = message.get("usage");
      ObjectNode target = existing instanceof ObjectNode o ? o : message.putObject("usage");
      u.properties().forEach(e -> target.set(e.getKey(), e.getValue()));
    }
  }

  private StringBuilder append(StringBuilder sb, String field, String piece) {
    if (sb == null) {
      sb = new StringBuilder(block.path(field).asText(""));
    }
    sb.append(piece);
    return sb;
  }

  /** Writes the text built up by deltas into the block: one string, not one per delta. */
  private void flush() {
    if (block == null) {
      return;
    }
    if (text != null) {
      block.put("text", text.toString());
    }
    if (thinking != null) {
      block.put("thinking", thinking.toString());
    }
  }

  private void appendStrings(ObjectNode delta) {
    for (Iterator<Map.Entry<String, JsonNode>> it = delta.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("type") || !e.getValue().isTextual()) {
        continue;
      }
      JsonNode existing = block.get(e.getKey());
      if (existing == null || existing.isNull()) {
        block.put(e.getKey(), e.getValue().asText());
      } else if (existing.isTextual()) {
        block.put(e.getKey(), existing.asText() + e.getValue().asText());
      }
    }
  }
}
