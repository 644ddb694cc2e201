package dev.relaytck.recordings.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.relaytck.recordings.format.RecordedRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a request captured from the Claude Code CLI into one the kit may store and replay: the shape
 * (field names, block structure, cache_control, betas, header names and values) is kept, while
 * Claude Code's own prose (system prompt, reminders, tool and schema descriptions, file contents) is
 * replaced by neutral text of the same length, and secrets and per-machine identifiers by fixed
 * placeholders.
 *
 * <p>Same length matters: relays are tested with requests as large as the real ones (body size
 * limits, cache breakpoints over long prefixes), and newlines stay where they were so the
 * line structure a reader sees is the real one.
 */
public final class CaptureSanitiser {

  /** Stands for the one Claude Code session of a capture, in the header and in metadata.user_id. */
  public static final String SESSION_ID = "00000000-0000-4000-8000-000000000001";
  /** Stands for the per-installation device id inside metadata.user_id. */
  public static final String DEVICE_ID = "0".repeat(64);

  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "x-api-key", "cookie", "set-cookie", "proxy-authorization", "anthropic-organization-id");
  private static final Set<String> DROPPED_HEADERS = Set.of("content-length", "connection");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String REMINDER_OPEN = "<system-reminder>";
  private static final String REMINDER_CLOSE = "</system-reminder>";
  private static final String FILLER = "Neutral placeholder text of the same length as the captured original. ";

  private final ObjectMapper json;
  private final Map<String, String> literals;

  /**
   * @param literals per-machine strings (temporary project folder, home folder) mapped to stable
   *     stand-ins; they are replaced wherever they occur in kept values such as tool_use inputs
   */
  public CaptureSanitiser(ObjectMapper json, Map<String, String> literals) {
    this.json = json;
    // Longest first, so a folder inside another folder is replaced by its own stand-in.
    this.literals = new LinkedHashMap<>();
    literals.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
        .forEach(e -> this.literals.put(e.getKey(), e.getValue()));
  }

  public RecordedRequest sanitise(RecordedRequest captured) {
    JsonNode body = captured.body() == null ? null : sanitiseBody(captured.body().deepCopy());
    return new RecordedRequest(
        captured.method(), captured.path(), captured.query(), sanitiseHeaders(captured.headers()), body);
  }

  Map<String, List<String>> sanitiseHeaders(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new TreeMap<>();
    headers.forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (DROPPED_HEADERS.contains(lower)) {
        return; // transport framing, recomputed by whoever replays the request
      }
      List<String> kept = new ArrayList<>();
      for (String value : values) {
        if (SECRET_HEADERS.contains(lower)) {
          kept.add(lower.equals("authorization") && value.regionMatches(true, 0, "Bearer ", 0, 7)
              ? "Bearer <redacted>" : "<redacted>");
        } else if (lower.equals("host")) {
          kept.add("127.0.0.1");
        } else {
          kept.add(replaceLiterals(UUID.matcher(value).replaceAll(SESSION_ID)));
        }
      }
      out.computeIfAbsent(lower, k -> new ArrayList<>()).addAll(kept);
    });
    return out;
  }

  JsonNode sanitiseBody(JsonNode body) {
    if (!(body instanceof ObjectNode root)) {
      return body;
    }
    JsonNode system = root.get("system");
    if (system != null && system.isTextual()) {
      root.put("system", neutral(system.asText()));
    } else if (system instanceof ArrayNode blocks) {
      for (int i = 0; i < blocks.size(); i++) {
        // Block 0 is the attribution block (client version and entrypoint, no prose): relays must pass
        // it through unchanged as the first separate block, so it is kept verbatim.
        if (!(i == 0 && blocks.get(i).path("text").asText().startsWith("x-anthropic-billing-header:"))) {
          sanitiseBlock(blocks.get(i));
        }
      }
    }
    if (root.get("tools") instanceof ArrayNode tools) {
      tools.forEach(this::neutraliseDescriptions);
    }
    if (root.get("output_config") != null) {
      neutraliseDescriptions(root.get("output_config"));
    }
    if (root.get("messages") instanceof ArrayNode messages) {
      for (JsonNode message : messages) {
        if (message instanceof ObjectNode m) {
          if ("assistant".equals(m.path("role").asText())) {
            // The kit's own scripted turns; only per-machine paths in tool inputs are replaced.
            m.path("content").forEach(this::sanitiseAssistantBlock);
            continue;
          }
          JsonNode content = m.get("content");
          if (content != null && content.isTextual()) {
            m.put("content", neutral(content.asText()));
          } else if (content instanceof ArrayNode blocks) {
            blocks.forEach(this::sanitiseBlock);
          }
        }
      }
    }
    if (root.get("metadata") instanceof ObjectNode metadata && metadata.get("user_id") != null) {
      metadata.put("user_id", sanitiseUserId(metadata.get("user_id").asText()));
    }
    // Fields this class does not know (such as the interactive mode's safeguards context) keep their
    // values, but never this machine's folders.
    return replaceLiteralsIn(root);
  }

  private void sanitiseBlock(JsonNode node) {
    if (!(node instanceof ObjectNode block)) {
      return;
    }
    String type = block.path("type").asText();
    switch (type) {
      case "text" -> block.put("text", neutral(block.path("text").asText()));
      case "thinking" -> block.put("thinking", neutral(block.path("thinking").asText()));
      case "tool_result" -> {
        JsonNode content = block.get("content");
        if (content != null && content.isTextual()) {
          block.put("content", neutral(content.asText()));
        } else if (content instanceof ArrayNode blocks) {
          blocks.forEach(this::sanitiseBlock);
        }
      }
      // The kit's own scripted tool calls: kept, apart from per-machine paths.
      case "tool_use" -> block.set("input", replaceLiteralsIn(block.get("input")));
      default -> { }
    }
  }

  private void sanitiseAssistantBlock(JsonNode node) {
    if (node instanceof ObjectNode block) {
      if (block.has("thinking")) {
        block.put("thinking", neutral(block.path("thinking").asText()));
      }
      if (block.has("input")) {
        block.set("input", replaceLiteralsIn(block.get("input")));
      }
    }
  }

  /** Replaces every textual "description" (tool and JSON Schema prose) below node, keeping keys. */
  private void neutraliseDescriptions(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("description") && field.getValue().isTextual()) {
          field.setValue(new TextNode(neutral(field.getValue().asText())));
        } else {
          neutraliseDescriptions(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::neutraliseDescriptions);
    }
  }

  /** metadata.user_id: either a JSON-encoded object (newer versions) or user_..._session_... (legacy). */
  String sanitiseUserId(String userId) {
    try {
      JsonNode parsed = json.readTree(userId);
      if (parsed instanceof ObjectNode id) {
        if (id.has("device_id")) {
          id.put("device_id", DEVICE_ID);
        }
        if (id.has("session_id")) {
          id.put("session_id", SESSION_ID);
        }
        if (id.path("account_uuid").asText().length() > 0) {
          id.put("account_uuid", SESSION_ID);
        }
        return json.writeValueAsString(id);
      }
    } catch (JsonProcessingException notJson) {
      // the legacy form below
    }
    Matcher hex = Pattern.compile("[0-9a-f]{64}").matcher(userId);
    return UUID.matcher(hex.replaceAll(DEVICE_ID)).replaceAll(SESSION_ID);
  }

  /**
   * Neutral text of the same length with newlines in place; a system-reminder wrapper is kept, since
   * where reminders appear is part of the shape relays must preserve.
   */
  String neutral(String original) {
    int open = original.startsWith(REMINDER_OPEN) ? REMINDER_OPEN.length() : 0;
    int closeAt = original.lastIndexOf(REMINDER_CLOSE);
    int end = open > 0 && closeAt >= open ? closeAt : original.length();
    StringBuilder out = new StringBuilder(original.length());
    out.append(original, 0, open);
    for (int i = open, f = 0; i < end; i++) {
      char c = original.charAt(i);
      if (c == '\n') {
        out.append('\n');
      } else {
        out.append(FILLER.charAt(f++ % FILLER.length()));
      }
    }
    out.append(original, end, original.length());
    return out.toString();
  }

  private JsonNode replaceLiteralsIn(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return new TextNode(replaceLiterals(node.asText()));
    }
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(e -> e.setValue(replaceLiteralsIn(e.getValue())));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, replaceLiteralsIn(array.get(i)));
      }
    }
    return node;
  }

  private String replaceLiterals(String value) {
    String out = value;
    for (Map.Entry<String, String> literal : literals.entrySet()) {
      out = out.replace(literal.getKey(), literal.getValue());
    }
    return out;
  }
}
