package dev.relaytck.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Names a JSON value the way the schemas do (string, integer, object, ...), with a short sample. */
final class JsonTypes {
  private static final int SAMPLE = 40;

  private JsonTypes() {}

  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    String name = value.isTextual() ? "string" : value.isBoolean() ? "boolean"
        : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : value.getNodeType().name().toLowerCase();
    String text = value.toString();
    return name + " " + (text.length() > SAMPLE ? text.substring(0, SAMPLE) + "..." : text);
  }
}
