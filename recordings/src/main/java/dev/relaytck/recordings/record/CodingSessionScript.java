package dev.relaytck.recordings.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scripted three-turn coding session the Claude Code CLI is driven through: read a file, edit it,
 * then finish with text. Each Messages request is answered from what the CLI sent, never from
 * counting requests, because background calls interleave with the main loop (docs/claude-code.md,
 * "Selecting the response").
 */
public final class CodingSessionScript {

  public static final String READ_ID = "toolu_01RelayTckScriptedRead0001";
  public static final String EDIT_ID = "toolu_01RelayTckScriptedEdit0002";
  public static final String FINAL_TEXT = "Done: the greeting in the sample file now says hello, relay.";
  public static final String BACKGROUND_TEXT = "Sample session";

  /** What a request was recognised as; named in the capture file names. */
  public enum Kind {
    MAIN_READ, MAIN_EDIT, MAIN_FINAL, MAIN_UNEXPECTED,
    /** A Messages request outside the main loop (titles, summaries, the quota probe). */
    BACKGROUND,
    /** POST /v1/messages/count_tokens. */
    COUNT_TOKENS,
    /** GET /v1/models (gateway model discovery). */
    MODELS,
    /** HEAD requests (the startup connectivity probe). */
    PROBE,
    /** Anything else, answered 404. */
    NOT_FOUND
  }

  /** One answer: status, media type and body, and what the request was recognised as. */
  public record Reply(Kind kind, int status, String contentType, String body) {}

  private final ObjectMapper json;
  private final ScriptedStream streams;
  private final Path file;
  private final String oldText;
  private final String newText;

  /**
   * @param file absolute path of the sample file the session reads and edits
   * @param oldText a string the file contains exactly once
   * @param newText what the Edit tool puts in its place
   */
  public CodingSessionScript(ObjectMapper json, Path file, String oldText, String newText) {
    this.json = json;
    this.streams = new ScriptedStream(json);
    this.file = file;
    this.oldText = oldText;
    this.newText = newText;
  }

  public Kind classify(JsonNode request) {
    if (!isMainLoop(request)) {
      return Kind.BACKGROUND;
    }
    JsonNode lastUser = lastUserMessage(request);
    Set<String> answered = toolResultIds(lastUser);
    if (answered.isEmpty()) {
      return Kind.MAIN_READ;
    }
    if (hasTextAfterToolResults(lastUser)) {
      // Not a turn of the script: /compact appends its instruction as text after the tool results.
      return Kind.MAIN_UNEXPECTED;
    }
    if (answered.contains(EDIT_ID)) {
      return Kind.MAIN_FINAL;
    }
    if (answered.contains(READ_ID)) {
      return Kind.MAIN_EDIT;
    }
    return Kind.MAIN_UNEXPECTED;
  }

  public Reply reply(JsonNode request, int sequence) {
    String model = request.path("model").asText("unknown-model");
    String messageId = String.format("msg_01RelayTckScripted%06d", sequence);
    Kind kind = classify(request);
    return switch (kind) {
      case MAIN_READ -> sse(kind, streams.toolUse(messageId, model, "I will read the file first.", READ_ID, "Read",
          json.createObjectNode().put("file_path", file.toString())));
      case MAIN_EDIT -> sse(kind, streams.toolUse(messageId, model, "Now I will change the greeting.", EDIT_ID, "Edit",
          json.createObjectNode().put("file_path", file.toString()).put("old_string", oldText).put("new_string", newText)));
      case MAIN_FINAL -> sse(kind, streams.text(messageId, model, FINAL_TEXT));
      // A tool_result the script never asked for: end the turn rather than loop.
      case MAIN_UNEXPECTED -> sse(kind, streams.text(messageId, model, "Unexpected tool result; stopping."));
      case BACKGROUND -> request.path("stream").asBoolean(false)
          ? sse(kind, streams.text(messageId, model, BACKGROUND_TEXT))
          : new Reply(kind, 200, "application/json", streams.textMessage(messageId, model, BACKGROUND_TEXT));
      case COUNT_TOKENS, MODELS, PROBE, NOT_FOUND -> throw new IllegalStateException("not a Messages request: " + kind);
    };
  }

  /**
   * The main loop streams and offers the file tools; background (Haiku-class) calls such as titles,
   * summaries or the quota probe offer no tools, or are not streamed.
   */
  static boolean isMainLoop(JsonNode request) {
    if (!request.path("stream").asBoolean(false)) {
      return false;
    }
    Set<String> tools = new HashSet<>();
    request.path("tools").forEach(tool -> tools.add(tool.path("name").asText()));
    return tools.contains("Read") && tools.contains("Edit");
  }

  /**
   * The last message with role user. Not simply the last message: Claude Code 2.1.330 appends a
   * role "system" message (the environment block) after the user turn.
   */
  static JsonNode lastUserMessage(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        return messages.get(i);
      }
    }
    return MissingNode.getInstance();
  }

  static boolean hasTextAfterToolResults(JsonNode message) {
    boolean seenResult = false;
    for (JsonNode block : message.path("content")) {
      String type = block.path("type").asText();
      if (type.equals("tool_result")) {
        seenResult = true;
      } else if (seenResult && type.equals("text")) {
        return true;
      }
    }
    return false;
  }

  static Set<String> toolResultIds(JsonNode message) {
    Set<String> ids = new HashSet<>();
    for (JsonNode block : message.path("content")) {
      if ("tool_result".equals(block.path("type").asText())) {
        ids.add(block.path("tool_use_id").asText());
      }
    }
    return ids;
  }

  /** tool_result blocks the CLI marked as errors, with their text, for the session report. */
  static List<String> toolErrors(JsonNode request) {
    List<String> errors = new ArrayList<>();
    for (JsonNode block : lastUserMessage(request).path("content")) {
      if ("tool_result".equals(block.path("type").asText()) && block.path("is_error").asBoolean(false)) {
        errors.add(block.path("tool_use_id").asText() + ": " + block.path("content"));
      }
    }
    return errors;
  }

  private static Reply sse(Kind kind, String body) {
    return new Reply(kind, 200, "text/event-stream; charset=utf-8", body);
  }
}
