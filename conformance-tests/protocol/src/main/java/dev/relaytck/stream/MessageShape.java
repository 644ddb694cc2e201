package dev.relaytck.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields every client needs from a Message, checked in code so that a reshaped response
 * (an OpenAI {@code choices[]} body, a message without usage) is named precisely before, and
 * regardless of, the JSON Schema validation of the details.
 */
final class MessageShape {
  /** One missing or mistyped field. */
  record Problem(String pointer, String expected, String actual) {}

  private MessageShape() {}

  static List<Problem> check(JsonNode message) {
    List<Problem> problems = new ArrayList<>();
    require(problems, message, "type", "\"message\"", n -> n.isTextual() && n.asText().equals("message"));
    require(problems, message, "id", "a string", JsonNode::isTextual);
    require(problems, message, "role", "\"assistant\"", n -> n.isTextual() && n.asText().equals("assistant"));
    require(problems, message, "model", "a string", JsonNode::isTextual);
    require(problems, message, "content", "an array of content blocks", JsonNode::isArray);
    require(problems, message, "stop_reason", "a string or null", n -> n.isTextual() || n.isNull());
    require(problems, message, "usage", "an object", JsonNode::isObject);
    JsonNode content = message.get("content");
    if (content != null && content.isArray()) {
      for (int i = 0; i < content.size(); i++) {
        JsonNode block = content.get(i);
        if (!block.isObject() || !block.path("type").isTextual()) {
          problems.add(new Problem("/content/" + i, "a content block with a string type", describe(block)));
        }
      }
    }
    JsonNode usage = message.get("usage");
    if (usage != null && usage.isObject()) {
      require(problems, usage, "input_tokens", "an integer", JsonNode::isIntegralNumber, "/usage");
      require(problems, usage, "output_tokens", "an integer", JsonNode::isIntegralNumber, "/usage");
    }
    return problems;
  }

  private static void require(List<Problem> problems, JsonNode parent, String field, String expected,
      java.util.function.Predicate<JsonNode> ok) {
    require(problems, parent, field, expected, ok, "");
  }

  private static void require(List<Problem> problems, JsonNode parent, String field, String expected,
      java.util.function.Predicate<JsonNode> ok, String prefix) {
    JsonNode value = parent.get(field);
    if (value == null || !ok.test(value)) {
      problems.add(new Problem(prefix + "/" + field, expected, value == null ? "no " + field + " field" : describe(value)));
    }
  }

  static String describe(JsonNode value) {
    String text = value.toString();
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
