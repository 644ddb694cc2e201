package dev.relaytck.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Writes an {@link Answer} as the official event stream (build-with-claude/streaming):
 * message_start, then per block content_block_start, its deltas and content_block_stop (a ping
 * after the first start), message_delta with the stop reason and cumulative usage, message_stop.
 * Text and thinking go out a few words per delta, tool input as {@code input_json_delta}
 * fragments of the serialised JSON (the first one empty, as the API sends it), thinking ends with
 * a {@code signature_delta}. Every event is flushed on its own.
 */
final class AnswerStream {
  private final OutputStream out;
  private final Pacing pacing;
  private final RandomGenerator rng;
  /** Stop with an overloaded error event after this many deltas; negative for never. */
  private final int errorAfterDeltas;
  private int deltas;
  private boolean firstDelta = true;

  AnswerStream(OutputStream out, Pacing pacing, RandomGenerator rng, int errorAfterDeltas) {
    this.out = out;
    this.pacing = pacing;
    this.rng = rng;
    this.errorAfterDeltas = errorAfterDeltas;
  }

  void write(Answer answer) throws IOException {
    ObjectNode start = answer.message();
    start.putArray("content");
    start.putNull("stop_reason");
    start.putNull("stop_sequence");
    ObjectNode startUsage = answer.usage().deepCopy();
    startUsage.put("output_tokens", Math.min(1, answer.usage().path("output_tokens").asInt()));
    start.set("usage", startUsage);
    event("message_start", obj("message_start").set("message", start));
    for (int i = 0; i < answer.blocks().size(); i++) {
      ObjectNode block = answer.blocks().get(i);
      String type = block.path("type").asText();
      ObjectNode empty = block.deepCopy();
      switch (type) {
        case "text" -> empty.put("text", "");
        case "thinking" -> empty.put("thinking", "").put("signature", "");
        case "tool_use" -> empty.putObject("input");
        default -> { }
      }
      event("content_block_start", obj("content_block_start").put("index", i).set("content_block", empty));
      if (i == 0) {
        event("ping", obj("ping"));
      }
      switch (type) {
        case "text" -> {
          for (String piece : wordPieces(block.path("text").asText())) {
            delta(i, obj("text_delta").put("text", piece));
          }
        }
        case "thinking" -> {
          for (String piece : wordPieces(block.path("thinking").asText())) {
            delta(i, obj("thinking_delta").put("thinking", piece));
          }
          delta(i, obj("signature_delta").put("signature", block.path("signature").asText()));
        }
        case "tool_use" -> {
          delta(i, obj("input_json_delta").put("partial_json", ""));
          String json = Wire.JSON.writeValueAsString(block.path("input"));
          for (int at = 0; at < json.length();) {
            int end = Math.min(json.length(), at + 1 + rng.nextInt(12));
            // Never split a surrogate pair: a fragment is a valid JSON string on the wire.
            if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
              end++;
            }
            delta(i, obj("input_json_delta").put("partial_json", json.substring(at, end)));
            at = end;
          }
        }
        default -> { }
      }
      event("content_block_stop", obj("content_block_stop").put("index", i));
    }
    ObjectNode messageDelta = obj("message_delta");
    ObjectNode d = messageDelta.putObject("delta").put("stop_reason", answer.stopReason());
    if (answer.stopSequence() == null) {
      d.putNull("stop_sequence");
    } else {
      d.put("stop_sequence", answer.stopSequence());
    }
    ObjectNode usage = messageDelta.putObject("usage");
    for (String f : List.of("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "output_tokens")) {
      usage.set(f, answer.usage().get(f));
    }
    event("message_delta", messageDelta);
    event("message_stop", obj("message_stop"));
  }

  private void delta(int index, ObjectNode delta) throws IOException {
    if (errorAfterDeltas >= 0 && deltas >= errorAfterDeltas) {
      ObjectNode error = obj("error");
      error.putObject("error").put("type", "overloaded_error").put("message", "Overloaded");
      event("error", error);
      throw new StreamAborted();
    }
    pause(firstDelta ? pacing.firstToken() : pacing.betweenDeltas());
    firstDelta = false;
    deltas++;
    ObjectNode e = obj("content_block_delta").put("index", index);
    e.set("delta", delta);
    event("content_block_delta", e);
  }

  /** Thrown after a forced mid-stream error event: the connection ends there. */
  static final class StreamAborted extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private List<String> wordPieces(String text) {
    List<String> pieces = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int words = 1 + rng.nextInt(3);
      int end = at;
      for (int w = 0; w < words && end < text.length(); w++) {
        int space = text.indexOf(' ', end + 1);
        end = space < 0 ? text.length() : space;
      }
      pieces.add(text.substring(at, end));
      at = end;
    }
    return pieces;
  }

  private static ObjectNode obj(String type) {
    return Wire.JSON.createObjectNode().put("type", type);
  }

  private void event(String name, ObjectNode data) throws IOException {
    out.write(("event: " + name + "\ndata: " + Wire.JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void pause(Duration d) throws IOException {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("stream interrupted");
    }
  }
}
