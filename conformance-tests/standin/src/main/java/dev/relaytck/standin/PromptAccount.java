package dev.relaytck.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A request's prompt as the model counts it: segments in the order the API processes them
 * (tools, system, messages), each with its tokens. count_tokens and {@code usage} both come from
 * here, so they agree exactly. The segment list also gives the cacheable prefix: everything up
 * to and including the last block that carries {@code cache_control}.
 */
final class PromptAccount {
  /** Fixed cost of a request and of each message turn, as real tokenizers add role markers. */
  static final int REQUEST_OVERHEAD = 4;
  static final int TURN_OVERHEAD = 3;
  /** What declaring tools adds (the tool-use system prompt). */
  static final int TOOLS_OVERHEAD = 40;
  /** A prefix shorter than this is never cached (the official minimum for large models). */
  static final int MIN_CACHEABLE = 1024;

  private record Segment(String text, int tokens, String ttl) {}

  /** The cacheable prefix: its tokens, a key for the cache, and its lifetime ("5m" or "1h"). */
  record Prefix(int tokens, String key, String ttl) {}

  private final List<Segment> segments = new ArrayList<>();
  private final StringBuilder conversation = new StringBuilder();
  private final StringBuilder lastUser = new StringBuilder();
  private final String model;
  private final Tokenizer tokenizer;

  private PromptAccount(String model, Tokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
  }

  static PromptAccount of(JsonNode request, LanguageModel model) {
    PromptAccount a = new PromptAccount(model.name(), model.tokenizer());
    a.add("", REQUEST_OVERHEAD, null);
    JsonNode tools = request.path("tools");
    if (tools.isArray() && !tools.isEmpty()) {
      a.add("", TOOLS_OVERHEAD, null);
      for (JsonNode tool : tools) {
        String text = tool.path("name").asText("") + "\n" + tool.path("description").asText("") + "\n"
            + tool.path("input_schema").toString();
        a.add(text, a.tokenizer.count(text), ttl(tool));
      }
    }
    JsonNode system = request.path("system");
    if (system.isTextual()) {
      a.add(system.asText(), a.tokenizer.count(system.asText()), null);
      a.conversation.append(system.asText()).append('\n');
    } else if (system.isArray()) {
      for (JsonNode block : system) {
        a.block(block);
      }
    }
    for (JsonNode message : request.path("messages")) {
      a.add("\n" + message.path("role").asText() + ":", TURN_OVERHEAD, null);
      boolean user = "user".equals(message.path("role").asText());
      if (user) {
        a.lastUser.setLength(0);
      }
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        a.add(content.asText(), a.tokenizer.count(content.asText()), null);
        a.conversation.append(content.asText()).append('\n');
        if (user) {
          a.lastUser.append(content.asText());
        }
      } else {
        for (JsonNode block : content) {
          String text = a.block(block);
          if (user && "text".equals(block.path("type").asText())) {
            a.lastUser.append(text).append('\n');
          }
        }
      }
    }
    return a;
  }

  private static String ttl(JsonNode block) {
    JsonNode cc = block.path("cache_control");
    return cc.isObject() ? cc.path("ttl").asText("5m") : null;
  }

  private String block(JsonNode block) {
    String type = block.path("type").asText("");
    String text = switch (type) {
      case "text" -> block.path("text").asText("");
      case "thinking" -> block.path("thinking").asText("");
      case "tool_use" -> block.path("name").asText("") + " " + block.path("input").toString();
      case "tool_result" -> toolResultText(block.path("content"));
      case "image" -> "";
      default -> block.toString();
    };
    int tokens = "image".equals(type) ? 1_000 : tokenizer.count(text);
    add(text, tokens, ttl(block));
    if (!"image".equals(type)) {
      conversation.append(text).append('\n');
    }
    return text;
  }

  private static String toolResultText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode b : content) {
      sb.append(b.path("text").asText("")).append('\n');
    }
    return sb.toString();
  }

  private void add(String text, int tokens, String ttl) {
    segments.add(new Segment(text, tokens, ttl));
  }

  /** Input tokens of the whole prompt. */
  int total() {
    return segments.stream().mapToInt(Segment::tokens).sum();
  }

  /** The text the model answers: the whole conversation, so one prompt has one distribution. */
  String conversationText() {
    return conversation.toString();
  }

  /** The text of the last user turn (where a request to call a tool is read from). */
  String lastUserText() {
    return lastUser.toString();
  }

  /** The cacheable prefix, when some block carries cache_control and the prefix is long enough. */
  Optional<Prefix> cachePrefix() {
    int last = -1;
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).ttl() != null) {
        last = i;
      }
    }
    if (last < 0) {
      return Optional.empty();
    }
    int tokens = 0;
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    digest.update(model.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i <= last; i++) {
      tokens += segments.get(i).tokens();
      digest.update((byte) 0);
      digest.update(segments.get(i).text().getBytes(StandardCharsets.UTF_8));
    }
    if (tokens < MIN_CACHEABLE) {
      return Optional.empty();
    }
    return Optional.of(new Prefix(tokens, HexFormat.of().formatHex(digest.digest()), segments.get(last).ttl()));
  }
}
