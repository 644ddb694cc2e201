package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Defects of tool use, thinking and caching that {@link TamperProxy} applies between a relay
 * and its upstream: to what the relay forwards ({@link #request}) or to what it returns, a
 * JSON Message ({@link #message}) or the events of a stream ({@link #events}).
 */
public enum FeatureDefect {
  /** Keeps only the first tool call of a parallel call. */
  DROP_SECOND_TOOL_USE,
  /** Drops every tool_use block (the model's forced call never reaches the client). */
  DROP_TOOL_USE,
  /** Adds a tool call the model never made. */
  INJECT_TOOL_USE,
  /** Cuts the last input_json_delta fragment short, so the concatenated input is not JSON. */
  TRUNCATE_PARTIAL_JSON,
  /** Rewrites tool ids the OpenAI way (toolu_... to call_...). */
  RENAME_TOOL_IDS,
  /** Rewrites the tool ids of the history it forwards upstream. */
  RENAME_HISTORY_TOOL_IDS,
  /** Turns tool_result blocks into text when forwarding (an OpenAI role-tool conversion). */
  FLATTEN_TOOL_RESULT,
  /** Drops the server tool result blocks (web_search_tool_result) it does not know. */
  DROP_SERVER_TOOL_RESULTS,
  /** Strips signature_delta events (and signatures) from thinking blocks. */
  STRIP_SIGNATURE,
  /** Edits the thinking text. */
  REWRITE_THINKING,
  /** Drops redacted_thinking blocks. */
  DROP_REDACTED_THINKING,
  /** Drops thinking blocks altogether (a relay that "cleans up" answers). */
  STRIP_THINKING_BLOCKS,
  /** Alters the signature of thinking blocks it forwards upstream in the history. */
  ALTER_HISTORY_SIGNATURE,
  /** Removes cache_control from what it forwards upstream. */
  DROP_CACHE_CONTROL,
  /** Zeroes the cache counters and drops the cache_creation breakdown. */
  ZERO_CACHE_USAGE,
  /** Cuts a JSON response body in half. */
  TRUNCATE_JSON;

  /** Changes the body forwarded upstream. */
  void request(ObjectNode body) {
    switch (this) {
      case RENAME_HISTORY_TOOL_IDS -> eachHistoryBlock(body, b -> {
        if (b.has("id") && "tool_use".equals(b.path("type").asText())) b.put("id", b.get("id").asText().replace("toolu_", "call_"));
        if (b.has("tool_use_id")) b.put("tool_use_id", b.get("tool_use_id").asText().replace("toolu_", "call_"));
      });
      case FLATTEN_TOOL_RESULT -> eachHistoryBlock(body, b -> {
        if ("tool_result".equals(b.path("type").asText())) {
          String text = b.path("content").isTextual() ? b.path("content").asText() : b.path("content").toString();
          b.removeAll();
          b.put("type", "text");
          b.put("text", "Tool result: " + text);
        }
      });
      case ALTER_HISTORY_SIGNATURE -> eachHistoryBlock(body, b -> {
        if ("thinking".equals(b.path("type").asText()) && b.has("signature")) b.put("signature", b.get("signature").asText() + "AA==");
      });
      case DROP_CACHE_CONTROL -> removeAll(body, "cache_control");
      default -> { }
    }
  }

  boolean changesResponse() {
    return switch (this) {
      case RENAME_HISTORY_TOOL_IDS, FLATTEN_TOOL_RESULT, ALTER_HISTORY_SIGNATURE, DROP_CACHE_CONTROL -> false;
      default -> true;
    };
  }

  /** Changes a JSON Message. */
  void message(ObjectNode m) {
    ArrayNode content = m.path("content") instanceof ArrayNode a ? a : m.putArray("content");
    switch (this) {
      case DROP_SECOND_TOOL_USE -> {
        int seen = 0;
        for (int i = 0; i < content.size(); i++) {
          if ("tool_use".equals(content.get(i).path("type").asText()) && ++seen == 2) {
            content.remove(i);
            break;
          }
        }
      }
      case DROP_TOOL_USE -> removeBlocks(content, "tool_use");
      case INJECT_TOOL_USE -> {
        ObjectNode b = content.addObject();
        b.put("type", "tool_use").put("id", "toolu_01Injected").put("name", "weather");
        b.putObject("input");
      }
      case RENAME_TOOL_IDS -> content.forEach(b -> {
        if (b instanceof ObjectNode o && o.has("id")) o.put("id", o.get("id").asText().replace("toolu_", "call_"));
      });
      case DROP_SERVER_TOOL_RESULTS -> removeBlocks(content, "web_search_tool_result");
      case STRIP_SIGNATURE -> content.forEach(b -> {
        if (b instanceof ObjectNode o && "thinking".equals(o.path("type").asText())) o.remove("signature");
      });
      case REWRITE_THINKING -> content.forEach(b -> {
        if (b instanceof ObjectNode o && "thinking".equals(o.path("type").asText())) o.put("thinking", o.path("thinking").asText() + " (edited)");
      });
      case DROP_REDACTED_THINKING -> removeBlocks(content, "redacted_thinking");
      case STRIP_THINKING_BLOCKS -> removeBlocks(content, "thinking");
      case ZERO_CACHE_USAGE -> zeroCache(m.path("usage"));
      default -> { }
    }
  }

  /** Changes the data of a stream's events; returns the events to send. */
  List<ObjectNode> events(List<ObjectNode> events) {
    List<ObjectNode> out = new ArrayList<>();
    int dropIndex = -1;
    int toolBlocks = 0;
    java.util.Set<Integer> thinking = new java.util.HashSet<>();
    java.util.Map<Integer, ObjectNode> lastJsonDelta = new java.util.HashMap<>();
    for (ObjectNode e : events) {
      String type = e.path("type").asText();
      int index = e.path("index").asInt(-1);
      if (type.equals("content_block_start")) {
        String block = e.path("content_block").path("type").asText();
        if (block.equals("tool_use") && (this == DROP_TOOL_USE || this == DROP_SECOND_TOOL_USE && ++toolBlocks == 2)) dropIndex = index;
        if (block.equals("redacted_thinking") && this == DROP_REDACTED_THINKING) dropIndex = index;
        if (block.equals("thinking") && this == STRIP_THINKING_BLOCKS) dropIndex = index;
        if (block.equals("web_search_tool_result") && this == DROP_SERVER_TOOL_RESULTS) dropIndex = index;
        if (block.equals("thinking")) thinking.add(index);
        if (this == RENAME_TOOL_IDS && e.path("content_block") instanceof ObjectNode b && b.has("id")) {
          b.put("id", b.get("id").asText().replace("toolu_", "call_"));
        }
      }
      if (index >= 0 && index == dropIndex) continue; // every event of the dropped block
      if (dropIndex >= 0 && index > dropIndex) e.put("index", index - 1);
      JsonNode delta = e.path("delta");
      if (type.equals("content_block_delta")) {
        String dt = delta.path("type").asText();
        if (this == STRIP_SIGNATURE && dt.equals("signature_delta")) continue;
        if (this == REWRITE_THINKING && dt.equals("thinking_delta")) ((ObjectNode) delta).put("thinking", delta.path("thinking").asText() + "~");
        if (dt.equals("input_json_delta")) lastJsonDelta.put(index, (ObjectNode) delta);
      }
      if (type.equals("content_block_stop") && this == TRUNCATE_PARTIAL_JSON && lastJsonDelta.containsKey(index)) {
        ObjectNode d = lastJsonDelta.remove(index);
        String pj = d.path("partial_json").asText();
        d.put("partial_json", pj.isEmpty() ? "{" : pj.substring(0, pj.length() - 1));
      }
      if (type.equals("message_start") && this == ZERO_CACHE_USAGE) zeroCache(e.path("message").path("usage"));
      if (type.equals("message_delta") && this == ZERO_CACHE_USAGE) zeroCache(e.path("usage"));
      out.add(e);
    }
    if (this == INJECT_TOOL_USE) return events; // streams: not needed by the tests
    return out;
  }

  private static void zeroCache(JsonNode usage) {
    if (usage instanceof ObjectNode u) {
      if (u.has("cache_creation_input_tokens")) u.put("cache_creation_input_tokens", 0);
      if (u.has("cache_read_input_tokens")) u.put("cache_read_input_tokens", 0);
      u.remove("cache_creation");
    }
  }

  private static void removeBlocks(ArrayNode content, String type) {
    for (int i = content.size() - 1; i >= 0; i--) {
      if (type.equals(content.get(i).path("type").asText())) content.remove(i);
    }
  }

  private static void eachHistoryBlock(ObjectNode body, java.util.function.Consumer<ObjectNode> f) {
    for (JsonNode m : body.path("messages")) {
      for (JsonNode b : m.path("content")) {
        if (b instanceof ObjectNode o) f.accept(o);
      }
    }
  }

  private static void removeAll(JsonNode n, String key) {
    if (n instanceof ObjectNode o) {
      o.remove(key);
      o.forEach(c -> removeAll(c, key));
    } else if (n.isArray()) {
      n.forEach(c -> removeAll(c, key));
    }
  }
}
