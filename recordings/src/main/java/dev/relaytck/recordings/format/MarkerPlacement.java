package dev.relaytck.recordings.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes the scenario marker of docs/contract.md, {@code [[relay-tck:<scenario-id>:<nonce>]]}, into
 * the text of the last user message of a request body: the replay upstream selects the recording
 * by it and the kit finds its request in the journal by the nonce. Placed the same way as the
 * suite places it (after a blank line at the end of the last text block, or as a new text block
 * when the message has none), so recorded answers saw the text the kit sends.
 */
public final class MarkerPlacement {
  private static final SecureRandom RANDOM = new SecureRandom();

  private MarkerPlacement() {}

  public static String marker(String scenario, String nonce) {
    return "[[relay-tck:" + scenario + ":" + nonce + "]]";
  }

  /** 16 hex digits, fresh for every request. */
  public static String freshNonce() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Appends {@code marker} to the last user message of {@code body}; false when it has no user message. */
  public static boolean append(ObjectNode body, String marker) {
    if (!(body.get("messages") instanceof ArrayNode messages)) {
      return false;
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (!(messages.get(i) instanceof ObjectNode message) || !"user".equals(message.path("role").asText())) {
        continue;
      }
      JsonNode content = message.get("content");
      if (content == null || content.isTextual()) {
        String text = content == null ? "" : content.asText();
        message.set("content", TextNode.valueOf(text.isEmpty() ? marker : text + "\n\n" + marker));
        return true;
      }
      if (content instanceof ArrayNode blocks) {
        for (int j = blocks.size() - 1; j >= 0; j--) {
          if (blocks.get(j) instanceof ObjectNode block && "text".equals(block.path("type").asText())) {
            block.put("text", block.path("text").asText() + "\n\n" + marker);
            return true;
          }
        }
        blocks.addObject().put("type", "text").put("text", marker);
        return true;
      }
      return false;
    }
    return false;
  }
}
