package dev.relaytck.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Exchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one probe request got back, reduced to what the identity checks compare: the text, the
 * tool calls, usage, stop reason, id, and timing (time to first token, gaps between events).
 * Read from a JSON body or an event stream; anything unreadable is an answer with an error.
 *
 * @param status HTTP status, -1 when nothing arrived
 * @param toolCalls each tool call as {@code name {input json}}, in order
 * @param inputTokens {@code usage.input_tokens}, -1 when absent
 * @param ttftMs time from sending to the first content event (streams), -1 otherwise
 * @param gapsMs gaps between consecutive events, at most 64 kept
 * @param error why there is no answer, or {@code null}
 */
public record ProbeAnswer(int status, String text, List<String> toolCalls, String stopReason, long inputTokens,
    long outputTokens, String messageId, double ttftMs, double totalMs, List<Double> gapsMs, String error) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ProbeAnswer {
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    gapsMs = gapsMs == null ? List.of() : List.copyOf(gapsMs);
  }

  public boolean ok() {
    return error == null;
  }

  /** The string the kernel compares: the text, then the tool calls. */
  public String kernelText() {
    return toolCalls.isEmpty() ? text : (text + " " + String.join(" ", toolCalls)).strip();
  }

  public static ProbeAnswer of(Exchange e) {
    if (e.status() < 0) return failed(e, "no response: " + e.summary());
    if (e.status() != 200) return failed(e, "HTTP " + e.status() + ": " + e.excerpt(200));
    return e.eventStream() ? fromStream(e) : fromJson(e);
  }

  private static ProbeAnswer failed(Exchange e, String why) {
    return new ProbeAnswer(e.status(), "", List.of(), null, -1, -1, null, -1, e.totalMs(), List.of(), why);
  }

  private static ProbeAnswer fromJson(Exchange e) {
    JsonNode b = e.json().orElse(null);
    if (b == null || !b.path("content").isArray()) return failed(e, "not a Messages body: " + e.excerpt(200));
    StringBuilder text = new StringBuilder();
    List<String> tools = new ArrayList<>();
    for (JsonNode block : b.path("content")) {
      switch (block.path("type").asText()) {
        case "text" -> text.append(block.path("text").asText());
        case "tool_use" -> tools.add(block.path("name").asText() + " " + block.path("input").toString());
        default -> { }
      }
    }
    return new ProbeAnswer(200, text.toString(), tools, b.path("stop_reason").asText(null),
        b.at("/usage/input_tokens").asLong(-1), b.at("/usage/output_tokens").asLong(-1), b.path("id").asText(null),
        -1, e.totalMs(), List.of(), null);
  }

  private static ProbeAnswer fromStream(Exchange e) {
    StringBuilder text = new StringBuilder();
    Map<Integer, String> toolNames = new LinkedHashMap<>();
    Map<Integer, StringBuilder> toolInput = new LinkedHashMap<>();
    String stop = null;
    String id = null;
    long in = -1;
    long out = -1;
    double ttft = -1;
    List<Double> gaps = new ArrayList<>();
    long last = -1;
    boolean stopped = false;
    for (SseEvent ev : e.framing().events()) {
      if (last > 0 && gaps.size() < 64) gaps.add((ev.arrivalNanos() - last) / 1e6);
      last = ev.arrivalNanos();
      JsonNode d;
      try {
        d = ev.data() == null ? null : JSON.readTree(ev.data());
      } catch (IOException bad) {
        continue;
      }
      if (d == null) continue;
      switch (d.path("type").asText()) {
        case "message_start" -> {
          id = d.at("/message/id").asText(null);
          in = d.at("/message/usage/input_tokens").asLong(-1);
          out = d.at("/message/usage/output_tokens").asLong(-1);
        }
        case "content_block_start" -> {
          if (ttft < 0) ttft = (ev.arrivalNanos() - e.sentNanos()) / 1e6;
          JsonNode cb = d.path("content_block");
          if ("tool_use".equals(cb.path("type").asText())) {
            toolNames.put(d.path("index").asInt(), cb.path("name").asText());
            toolInput.put(d.path("index").asInt(), new StringBuilder());
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = d.path("delta");
          if ("text_delta".equals(delta.path("type").asText())) text.append(delta.path("text").asText());
          if ("input_json_delta".equals(delta.path("type").asText())) {
            StringBuilder sb = toolInput.get(d.path("index").asInt());
            if (sb != null) sb.append(delta.path("partial_json").asText());
          }
        }
        case "message_delta" -> {
          stop = d.at("/delta/stop_reason").asText(stop);
          if (d.at("/usage/output_tokens").isNumber()) out = d.at("/usage/output_tokens").asLong();
          if (d.at("/usage/input_tokens").isNumber()) in = Math.max(in, d.at("/usage/input_tokens").asLong());
        }
        case "message_stop" -> stopped = true;
        case "error" -> {
          return failed(e, "error event: " + d.path("error").path("message").asText(""));
        }
        default -> { }
      }
    }
    if (!stopped) return failed(e, "the stream ended without message_stop (" + e.ending() + ")");
    List<String> tools = new ArrayList<>();
    toolNames.forEach((i, name) -> tools.add(name + " " + normalised(toolInput.get(i).toString())));
    return new ProbeAnswer(200, text.toString(), tools, stop, in, out, id, ttft, e.totalMs(), gaps, null);
  }

  /** A tool input re-serialised compactly, so a streamed and a JSON answer compare alike. */
  private static String normalised(String json) {
    try {
      return JSON.readTree(json.isBlank() ? "{}" : json).toString();
    } catch (IOException e) {
      return json;
    }
  }
}
