package dev.relaytck.recordings.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A content rule that matches a request the kit did not author (the Claude Code CLI's own
 * calls carry no scenario marker). A recording states a list of them; all must hold.
 * On disk (metadata {@code relayTck.match}): {@code [{"pointer": "/system/0/text", "contains": "git"},
 * {"pointer": "/max_tokens", "equals": 1}, {"pointer": "/tools", "present": true},
 * {"pointer": "/model", "matches": "claude-.*haiku.*"}]}.
 *
 * @param pointer JSON pointer (RFC 6901) into the request body
 * @param op {@code equals} (JSON equality), {@code contains} (substring of the text value),
 *     {@code matches} (regular expression over the text value), {@code present}
 * @param value the operand; for {@code present}, {@code true} or {@code false}
 */
public record ContentRule(String pointer, String op, JsonNode value) {

  public ContentRule {
    if (!List.of("equals", "contains", "matches", "present").contains(op)) {
      throw new IllegalArgumentException("content rule at " + pointer + ": unknown operator '" + op
          + "' (equals, contains, matches, present)");
    }
    if (op.equals("matches")) {
      Pattern.compile(value.asText());
    }
  }

  /** Reads a rule list in the on-disk form above. */
  public static List<ContentRule> parseAll(JsonNode rules) {
    List<ContentRule> parsed = new ArrayList<>();
    for (JsonNode rule : rules) {
      String pointer = rule.path("pointer").asText(null);
      if (pointer == null) {
        throw new IllegalArgumentException("content rule without a pointer: " + rule);
      }
      String op = null;
      for (String candidate : List.of("equals", "contains", "matches", "present")) {
        if (rule.has(candidate)) {
          op = candidate;
        }
      }
      if (op == null) {
        throw new IllegalArgumentException("content rule at " + pointer + " names no operator: " + rule);
      }
      parsed.add(new ContentRule(pointer, op, rule.get(op)));
    }
    return parsed;
  }

  /** Null when the rule holds, else what differed, in words. */
  public String mismatch(JsonNode body) {
    JsonNode actual = body == null ? null : body.at(pointer);
    boolean present = actual != null && !actual.isMissingNode();
    switch (op) {
      case "present":
        return present == value.asBoolean() ? null
            : pointer + (value.asBoolean() ? " is absent" : " is present");
      case "equals":
        return present && actual.equals(value) ? null
            : pointer + ": expected " + value + ", got " + (present ? actual : "nothing");
      case "contains":
        return present && actual.asText().contains(value.asText()) ? null
            : pointer + ": expected text containing \"" + value.asText() + "\"";
      default:
        return present && Pattern.compile(value.asText()).matcher(actual.asText()).matches() ? null
            : pointer + ": expected text matching /" + value.asText() + "/";
    }
  }
}
