package dev.relaytck.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The long inputs of the context checks, generated (never committed) and deterministic: a large
 * source file of a given size, and a long conversation with tool calls and results. Sizes are
 * in bytes of text; at about {@value #BYTES_PER_TOKEN} bytes per token for English and code,
 * callers size them in tokens and measure the real count with count_tokens where they can.
 */
public final class LongPrompts {
  public static final int BYTES_PER_TOKEN = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LongPrompts() {}

  /**
   * A Java-like source file of about {@code bytes} UTF-8 bytes; each line is numbered, so a
   * trimmed or reordered copy differs, and some comments carry non-ASCII text (a relay that
   * re-encodes the body changes them).
   */
  public static String sourceFile(long bytes) {
    StringBuilder b = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, bytes + 200));
    int line = 0;
    while (b.length() < bytes) {
      line++;
      if (line % 40 == 1) b.append("\n/** Section ").append(line / 40).append(": Größe, naïve café, 日本語 — kept as is. */\n");
      b.append("  static int f").append(line).append("(int x) { return x * ").append(line % 97).append(" + ")
          .append(line % 13).append("; } // line ").append(line).append('\n');
    }
    return b.toString();
  }

  /** One user message holding {@code text} with a question after it. */
  public static ArrayNode documentMessages(String text, String question) {
    ArrayNode messages = JSON.createArrayNode();
    ObjectNode user = messages.addObject();
    user.put("role", "user");
    ArrayNode content = user.putArray("content");
    content.addObject().put("type", "text").put("text", text);
    content.addObject().put("type", "text").put("text", question);
    return messages;
  }

  /**
   * A coding conversation of {@code turns} exchanges (each: the assistant calls a tool, the user
   * returns its result), opened by a user message and closed by a user question, every tool
   * result about {@code resultBytes} bytes: 2 x turns + 2 messages.
   */
  public static ArrayNode conversation(int turns, int resultBytes) {
    ArrayNode messages = JSON.createArrayNode();
    messages.addObject().put("role", "user").put("content", "Read the project's files one by one and summarise them.");
    for (int t = 1; t <= turns; t++) {
      ObjectNode assistant = messages.addObject();
      assistant.put("role", "assistant");
      ArrayNode a = assistant.putArray("content");
      a.addObject().put("type", "text").put("text", "Turn " + t + ": reading file " + t + ".");
      ObjectNode call = a.addObject();
      call.put("type", "tool_use");
      call.put("id", String.format("toolu_%04d", t));
      call.put("name", "read_file");
      call.putObject("input").put("path", "src/File" + t + ".java");
      ObjectNode user = messages.addObject();
      user.put("role", "user");
      ObjectNode result = user.putArray("content").addObject();
      result.put("type", "tool_result");
      result.put("tool_use_id", String.format("toolu_%04d", t));
      result.put("content", "// File" + t + ".java\n" + sourceFile(resultBytes));
      if (t == turns) {
        ((ArrayNode) user.get("content")).addObject().put("type", "text").put("text", "Which file had the most lines?");
      }
    }
    return messages;
  }
}
