package dev.relaytck.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What any faithful answer to a scenario's request must show, live or hermetic, derived from
 * the request (and the recording's outcome where the request forces it): the live-mode
 * invariants of the suite.
 *
 * @param stopReasons the stop_reason values a correct answer may have (empty: any)
 * @param forcedTool the tool tool_choice names, or {@code null}
 * @param toolRequired tool_choice any or tool: a tool_use block must be present
 * @param toolForbidden tool_choice none: no tool_use block may be present
 * @param stopSequences the request's stop_sequences
 * @param maxTokens the request's max_tokens, or -1
 * @param declaredTools names of the tools the request declares
 */
public record Expectations(
    Set<String> stopReasons, String forcedTool, boolean toolRequired, boolean toolForbidden,
    List<String> stopSequences, int maxTokens, Set<String> declaredTools) {

  public static Expectations of(JsonNode request, JsonNode recordedMessage) {
    Set<String> tools = new LinkedHashSet<>();
    for (JsonNode t : request.path("tools")) {
      if (t.hasNonNull("name")) tools.add(t.get("name").asText());
    }
    JsonNode choice = request.path("tool_choice");
    String choiceType = choice.path("type").asText("");
    String forced = choiceType.equals("tool") ? choice.path("name").asText(null) : null;
    boolean required = choiceType.equals("any") || choiceType.equals("tool");
    boolean forbidden = choiceType.equals("none");
    List<String> stops = new java.util.ArrayList<>();
    for (JsonNode s : request.path("stop_sequences")) stops.add(s.asText());
    int maxTokens = request.path("max_tokens").asInt(-1);

    Set<String> reasons = new LinkedHashSet<>();
    String recorded = recordedMessage == null ? "" : recordedMessage.path("stop_reason").asText("");
    if (required) {
      reasons.add("tool_use");
    } else if (recorded.equals("max_tokens") && maxTokens > 0 && maxTokens <= 64) {
      // A max_tokens this small cannot hold a whole answer: any model stops on it.
      reasons.add("max_tokens");
    }
    return new Expectations(Set.copyOf(reasons), forced, required, forbidden, List.copyOf(stops), maxTokens, Set.copyOf(tools));
  }
}
