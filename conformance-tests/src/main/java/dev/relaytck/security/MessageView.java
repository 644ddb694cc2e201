package dev.relaytck.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Exchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A message as a client assembles it, reduced to what the security checks compare: its id,
 * {@code usage.input_tokens}, and each content block's text or raw tool input. For a stream the
 * tool input is the exact concatenation of its {@code input_json_delta} fragments (what an SDK
 * parses), so a command split across fragments is seen whole; for a JSON body it is the input
 * re-serialised in its own key order.
 */
public record MessageView(String id, long inputTokens, List<Block> blocks) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One content block.
   *
   * @param text the text of a text block (or of a thinking block), else {@code null}
   * @param input the raw input of a tool_use or server_tool_use block, else {@code null}
   */
  public record Block(int index, String type, String text, String toolId, String toolName, String input) {
    public boolean toolUse() {
      return input != null;
    }
  }

  public MessageView {
    blocks = List.copyOf(blocks);
  }

  public List<Block> toolUses() {
    return blocks.stream().filter(Block::toolUse).toList();
  }

  /** All text of the message's text blocks, joined by newlines. */
  public String text() {
    StringBuilder s = new StringBuilder();
    for (Block b : blocks) {
      if ("text".equals(b.type()) && b.text() != null) s.append(b.text()).append('\n');
    }
    return s.toString();
  }

  /** The message the client received, or empty when the exchange is no successful message. */
  public static Optional<MessageView> of(Exchange e) {
    if (e.status() != 200) return Optional.empty();
    if (e.eventStream()) {
      List<String> data = new ArrayList<>();
      for (SseEvent ev : e.framing().events()) data.add(ev.data());
      return ofEvents(data);
    }
    return e.json().flatMap(MessageView::ofBody);
  }

  /** The message the official API sent in {@code r}, or empty when it recorded none. */
  public static Optional<MessageView> of(Recording r) {
    if (r.response().status() != 200) return Optional.empty();
    if (r.streaming()) {
      List<String> data = new ArrayList<>();
      for (RecordedEvent ev : r.response().events()) data.add(dataOf(new String(ev.bytes(), StandardCharsets.UTF_8)));
      return ofEvents(data);
    }
    if (r.response().body() == null) return Optional.empty();
    try {
      return ofBody(JSON.readTree(r.response().body()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The data field of one SSE event's text (its data lines joined by LF). */
  static String dataOf(String event) {
    StringBuilder data = null;
    for (String line : event.split("\r\n|\r|\n")) {
      if (!line.startsWith("data:")) continue;
      String v = line.substring(5);
      if (v.startsWith(" ")) v = v.substring(1);
      data = data == null ? new StringBuilder(v) : data.append('\n').append(v);
    }
    return data == null ? null : data.toString();
  }

  public static Optional<MessageView> ofBody(JsonNode body) {
    if (body == null || !"message".equals(body.path("type").asText())) return Optional.empty();
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    for (JsonNode b : body.path("content")) {
      blocks.add(block(i++, b, b.has("input") ? write(b.get("input")) : null));
    }
    return Optional.of(new MessageView(body.path("id").asText(null), body.path("usage").path("input_tokens").asLong(-1), blocks));
  }

  static Optional<MessageView> ofEvents(List<String> data) {
    String id = null;
    long inputTokens = -1;
    Map<Integer, JsonNode> starts = new TreeMap<>();
    Map<Integer, StringBuilder> texts = new TreeMap<>();
    Map<Integer, StringBuilder> inputs = new TreeMap<>();
    boolean sawStart = false;
    for (String d : data) {
      JsonNode ev = parse(d);
      if (ev == null) continue;
      int index = ev.path("index").asInt(-1);
      switch (ev.path("type").asText()) {
        case "message_start" -> {
          sawStart = true;
          id = ev.path("message").path("id").asText(null);
          inputTokens = ev.path("message").path("usage").path("input_tokens").asLong(-1);
        }
        case "content_block_start" -> {
          JsonNode cb = ev.path("content_block");
          starts.put(index, cb);
          texts.put(index, new StringBuilder(cb.path("text").asText(cb.path("thinking").asText(""))));
        }
        case "content_block_delta" -> {
          JsonNode delta = ev.path("delta");
          switch (delta.path("type").asText()) {
            case "text_delta" -> texts.computeIfAbsent(index, k -> new StringBuilder()).append(delta.path("text").asText(""));
            case "thinking_delta" -> texts.computeIfAbsent(index, k -> new StringBuilder()).append(delta.path("thinking").asText(""));
            case "input_json_delta" -> inputs.computeIfAbsent(index, k -> new StringBuilder()).append(delta.path("partial_json").asText(""));
            default -> { }
          }
        }
        case "message_delta" -> {
          JsonNode u = ev.path("usage").path("input_tokens");
          if (u.isNumber() && u.asLong() > 0) inputTokens = u.asLong();
        }
        default -> { }
      }
    }
    if (!sawStart) return Optional.empty();
    List<Block> blocks = new ArrayList<>();
    for (Map.Entry<Integer, JsonNode> s : starts.entrySet()) {
      JsonNode cb = s.getValue();
      String input = null;
      if (cb.has("input")) {
        StringBuilder streamed = inputs.get(s.getKey());
        input = streamed != null ? streamed.toString() : write(cb.get("input"));
      }
      Block b = block(s.getKey(), cb, input);
      String text = texts.containsKey(s.getKey()) && b.text() != null ? texts.get(s.getKey()).toString() : b.text();
      blocks.add(new Block(b.index(), b.type(), text, b.toolId(), b.toolName(), b.input()));
    }
    return Optional.of(new MessageView(id, inputTokens, blocks));
  }

  private static Block block(int index, JsonNode b, String input) {
    String type = b.path("type").asText();
    String text = type.equals("text") ? b.path("text").asText("") : type.equals("thinking") ? b.path("thinking").asText("") : null;
    return new Block(index, type, text, b.path("id").asText(null), b.path("name").asText(null), input);
  }

  private static JsonNode parse(String data) {
    if (data == null) return null;
    try {
      return JSON.readTree(data);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      return String.valueOf(n);
    }
  }
}
