package dev.relaytck.recordings.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SSE body of one assistant turn in the event order the official API streams
 * (message_start, content_block_start, ping, deltas, content_block_stop, message_delta, message_stop),
 * with the same field set as the recorded streams in the corpus (e.g. prism-php stream-with-tools-1.sse).
 * Tool input arrives as several input_json_delta fragments, as the real API sends it, so a relay that
 * mishandles partial JSON breaks the session.
 */
public final class ScriptedStream {

  private static final int FRAGMENT = 12;

  private final ObjectMapper json;

  public ScriptedStream(ObjectMapper json) {
    this.json = json;
  }

  /** A turn that says text and then calls one tool (stop_reason tool_use). */
  public String toolUse(String messageId, String model, String text, String toolUseId, String tool, ObjectNode input) {
    List<String> events = new ArrayList<>();
    events.add(messageStart(messageId, model));
    textBlock(events, 0, text);
    ObjectNode start = json.createObjectNode().put("type", "content_block_start").put("index", 1);
    ObjectNode block = start.putObject("content_block").put("type", "tool_use").put("id", toolUseId).put("name", tool);
    block.putObject("input");
    events.add(event("content_block_start", start));
    String partial = input.toString();
    events.add(inputDelta(1, ""));
    for (int i = 0; i < partial.length(); i += FRAGMENT) {
      events.add(inputDelta(1, partial.substring(i, Math.min(partial.length(), i + FRAGMENT))));
    }
    events.add(event("content_block_stop", json.createObjectNode().put("type", "content_block_stop").put("index", 1)));
    finish(events, "tool_use", 40 + partial.length() / 3);
    return String.join("", events);
  }

  /** A turn that only says text (stop_reason end_turn). */
  public String text(String messageId, String model, String text) {
    List<String> events = new ArrayList<>();
    events.add(messageStart(messageId, model));
    textBlock(events, 0, text);
    finish(events, "end_turn", 5 + text.length() / 4);
    return String.join("", events);
  }

  /** The same turn as a non-streaming Messages API body. */
  public String textMessage(String messageId, String model, String text) {
    ObjectNode message = json.createObjectNode().put("id", messageId).put("type", "message").put("role", "assistant")
        .put("model", model);
    message.putArray("content").addObject().put("type", "text").put("text", text);
    message.put("stop_reason", "end_turn").putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", 12).put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0).put("output_tokens", 5 + text.length() / 4);
    return message.toString();
  }

  private String messageStart(String messageId, String model) {
    ObjectNode start = json.createObjectNode().put("type", "message_start");
    ObjectNode message = start.putObject("message").put("id", messageId).put("type", "message")
        .put("role", "assistant").put("model", model);
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", 465).put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0).put("output_tokens", 1);
    return event("message_start", start);
  }

  private void textBlock(List<String> events, int index, String text) {
    ObjectNode start = json.createObjectNode().put("type", "content_block_start").put("index", index);
    start.putObject("content_block").put("type", "text").put("text", "");
    events.add(event("content_block_start", start));
    events.add("event: ping\ndata: {\"type\": \"ping\"}\n\n");
    for (String piece : text.split("(?<= )")) {
      ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", index);
      delta.putObject("delta").put("type", "text_delta").put("text", piece);
      events.add(event("content_block_delta", delta));
    }
    events.add(event("content_block_stop", json.createObjectNode().put("type", "content_block_stop").put("index", index)));
  }

  private String inputDelta(int index, String partialJson) {
    ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", index);
    delta.putObject("delta").put("type", "input_json_delta").put("partial_json", partialJson);
    return event("content_block_delta", delta);
  }

  private void finish(List<String> events, String stopReason, int outputTokens) {
    ObjectNode delta = json.createObjectNode().put("type", "message_delta");
    delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
    delta.putObject("usage").put("output_tokens", outputTokens);
    events.add(event("message_delta", delta));
    events.add(event("message_stop", json.createObjectNode().put("type", "message_stop")));
  }

  private static String event(String name, ObjectNode data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }
}
