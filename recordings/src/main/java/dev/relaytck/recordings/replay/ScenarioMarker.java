package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.FaultSpec;
import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.recordings.format.Fault;
import java.util.Optional;

/**
 * The scenario marker the kit writes into the text of the last user message (docs/contract.md):
 * {@code [[relay-tck:<scenario-id>:<nonce>]]}, optionally with a fault suffix
 * {@code [[relay-tck:<scenario-id>:<nonce>:fault=<fault>]]} (grammar in {@link FaultSpec}).
 * It selects the recording because relays keep message text but may drop headers.
 *
 * @param fault the fault requested by the suffix, or null
 */
public record ScenarioMarker(String scenario, String nonce, Fault fault) {


  /** The marker's text form, as the kit writes it. */
  public String text() {
    return "[[relay-tck:" + scenario + ":" + nonce + (fault == null ? "" : ":fault=" + FaultSpec.format(fault)) + "]]";
  }

  /**
   * Finds the marker in the last user message of a Messages API request body (string
   * content or text blocks; the last marker wins). Empty when there is none.
   *
   * @throws IllegalArgumentException when a marker is present but its fault suffix is malformed
   */
  public static Optional<ScenarioMarker> find(JsonNode body) {
    if (body == null || !body.path("messages").isArray()) {
      return Optional.empty();
    }
    JsonNode messages = body.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if (!"user".equals(message.path("role").asText())) {
        continue;
      }
      return inText(textOf(message.path("content")));
    }
    return Optional.empty();
  }

  /** Finds the last marker in a piece of text. */
  public static Optional<ScenarioMarker> inText(String text) {
    return dev.relaytck.recordings.format.MarkerText.last(text)
        .map(m -> new ScenarioMarker(m.scenario(), m.nonce(), m.fault() == null ? null : FaultSpec.parse(m.fault())));
  }

  private static String textOf(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText()).append('\n');
      } else if ("tool_result".equals(block.path("type").asText())) {
        text.append(textOf(block.path("content"))).append('\n');
      }
    }
    return text.toString();
  }
}
