package dev.relaytck.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an answer calls a tool, which one, and with what input. A model calls a tool when
 * {@code tool_choice} forces it ({@code any} or {@code tool}) or when the last user turn asks
 * for it ("call NAME with LITERAL", the literal optionally quoted); the literal becomes the value
 * of the tool's first required string property, so a test can check it arrives intact.
 */
public record ToolCallIntent(String toolName, ObjectNode input, boolean forced) {
  private static final Pattern ASK = Pattern.compile(
      "call (?:the )?(?:tool )?`?([A-Za-z0-9_-]{1,64})`?(?: tool)? with (?:\"([^\"]*)\"|'([^']*)'|`([^`]*)`|(\\S+))");

  static Optional<ToolCallIntent> of(JsonNode request, String lastUserText, LanguageModel model, RandomGenerator rng) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return Optional.empty();
    }
    String choice = request.path("tool_choice").path("type").asText("auto");
    if (choice.equals("none")) {
      return Optional.empty();
    }
    Matcher m = ASK.matcher(lastUserText);
    String askedTool = null;
    String literal = null;
    if (m.find()) {
      askedTool = m.group(1);
      for (int g = 2; g <= 5; g++) {
        if (m.group(g) != null) {
          literal = m.group(g);
          break;
        }
      }
    }
    boolean forced = choice.equals("any") || choice.equals("tool");
    String name = choice.equals("tool") ? request.path("tool_choice").path("name").asText() : null;
    if (name == null && askedTool != null && find(tools, askedTool) != null) {
      name = askedTool;
    }
    if (name == null && forced) {
      name = firstCustom(tools);
    }
    if (name == null) {
      return Optional.empty();
    }
    JsonNode tool = find(tools, name);
    String value = literal != null ? literal : model.sample(lastUserText, rng, 1.0).get(0).replaceAll("[.,]", "");
    return Optional.of(new ToolCallIntent(name, input(tool.path("input_schema"), value), forced));
  }

  /** An unforced call of the tool named {@code name} in {@code tools}, {@code value} in its string argument. */
  static ToolCallIntent named(JsonNode tools, String name, String value) {
    return new ToolCallIntent(name, input(find(tools, name).path("input_schema"), value), false);
  }

  private static JsonNode find(JsonNode tools, String name) {
    for (JsonNode t : tools) {
      if (name.equals(t.path("name").asText()) && t.path("input_schema").isObject()) {
        return t;
      }
    }
    return null;
  }

  private static String firstCustom(JsonNode tools) {
    for (JsonNode t : tools) {
      if (t.path("input_schema").isObject()) {
        return t.path("name").asText();
      }
    }
    return null;
  }

  /** An input valid for a simple schema: the literal in the first string property, plain values elsewhere. */
  private static ObjectNode input(JsonNode schema, String literal) {
    ObjectNode input = Wire.JSON.createObjectNode();
    JsonNode props = schema.path("properties");
    List<String> required = new java.util.ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    boolean placed = false;
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      String type = e.getValue().path("type").asText("string");
      boolean wanted = required.isEmpty() || required.contains(e.getKey());
      if (type.equals("string") && !placed) {
        input.put(e.getKey(), literal);
        placed = true;
      } else if (wanted) {
        switch (type) {
          case "integer", "number" -> input.put(e.getKey(), 1);
          case "boolean" -> input.put(e.getKey(), true);
          case "array" -> input.putArray(e.getKey());
          case "object" -> input.putObject(e.getKey());
          default -> input.put(e.getKey(), e.getValue().path("enum").path(0).asText(literal));
        }
      }
    }
    if (!placed && props.isEmpty()) {
      input.put("input", literal);
    }
    return input;
  }
}
