package dev.relaytck.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The official API's validation of a Messages or count_tokens request, for real causes only:
 * missing or mistyped fields, {@code max_tokens} above the model's output limit, an unknown
 * model (404), a thinking budget out of range, a forged or modified thinking signature. Messages
 * follow the official wording where it is known.
 */
final class RequestCheck {
  private RequestCheck() {}

  /** Parses a body; bad JSON is the official 400. */
  static JsonNode parse(byte[] body) throws ApiError {
    try {
      JsonNode json = Wire.JSON.readTree(body);
      if (json == null || !json.isObject()) {
        throw ApiError.invalidRequest("Input should be a valid dictionary or object to extract fields from");
      }
      return json;
    } catch (java.io.IOException e) {
      throw ApiError.invalidRequest("There was an error parsing the body of your request. Please ensure it is valid JSON.");
    }
  }

  /** The model a request names; 400 when absent, 404 when the stand-in does not serve it. */
  static LanguageModel model(JsonNode request, Map<String, LanguageModel> models) throws ApiError {
    JsonNode model = request.get("model");
    if (model == null) {
      throw ApiError.invalidRequest("model: Field required");
    }
    if (!model.isTextual()) {
      throw ApiError.invalidRequest("model: Input should be a valid string");
    }
    LanguageModel m = models.get(model.asText());
    if (m == null) {
      throw new ApiError(404, "not_found_error", "model: " + model.asText());
    }
    return m;
  }

  static void messages(JsonNode request, LanguageModel model, boolean needsMaxTokens, ThinkingSignatures signatures)
      throws ApiError {
    if (needsMaxTokens) {
      JsonNode max = request.get("max_tokens");
      if (max == null) {
        throw ApiError.invalidRequest("max_tokens: Field required");
      }
      if (!max.isIntegralNumber()) {
        throw ApiError.invalidRequest("max_tokens: Input should be a valid integer");
      }
      if (max.asLong() < 1) {
        throw ApiError.invalidRequest("max_tokens: Input should be greater than or equal to 1");
      }
      if (max.asLong() > model.maxOutputTokens()) {
        throw ApiError.invalidRequest("max_tokens: " + max.asLong() + " > " + model.maxOutputTokens()
            + ", which is the maximum allowed number of output tokens for " + model.name());
      }
    }
    JsonNode messages = request.get("messages");
    if (messages == null) {
      throw ApiError.invalidRequest("messages: Field required");
    }
    if (!messages.isArray()) {
      throw ApiError.invalidRequest("messages: Input should be a valid list");
    }
    if (messages.isEmpty()) {
      throw ApiError.invalidRequest("messages: at least one message is required");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        throw ApiError.invalidRequest("messages." + i + ".role: Input should be 'user' or 'assistant'");
      }
      JsonNode content = m.get("content");
      if (content == null) {
        throw ApiError.invalidRequest("messages." + i + ".content: Field required");
      }
      if (!content.isTextual() && !content.isArray()) {
        throw ApiError.invalidRequest("messages." + i + ".content: Input should be a valid list");
      }
      if (content.isArray()) {
        for (int j = 0; j < content.size(); j++) {
          block(content.get(j), "messages." + i + ".content." + j, role, signatures);
        }
      }
    }
    temperature(request);
    thinking(request, needsMaxTokens);
    tools(request);
  }

  private static void block(JsonNode block, String at, String role, ThinkingSignatures signatures) throws ApiError {
    String type = block.path("type").asText("");
    if (type.isEmpty()) {
      throw ApiError.invalidRequest(at + ".type: Field required");
    }
    if (type.equals("text") && !block.path("text").isTextual()) {
      throw ApiError.invalidRequest(at + ".text.text: Field required");
    }
    if (type.equals("thinking")) {
      if (!role.equals("assistant")) {
        throw ApiError.invalidRequest(at + ": thinking blocks may only appear in assistant messages");
      }
      JsonNode signature = block.get("signature");
      if (signature == null || !signature.isTextual()) {
        throw ApiError.invalidRequest(at + ".thinking.signature: Field required");
      }
      if (!signatures.verify(block.path("thinking").asText(""), signature.asText())) {
        throw ApiError.invalidRequest(at + ": Invalid `signature` in `thinking` block");
      }
    }
  }

  private static void temperature(JsonNode request) throws ApiError {
    JsonNode t = request.get("temperature");
    if (t == null || t.isNull()) {
      return;
    }
    if (!t.isNumber()) {
      throw ApiError.invalidRequest("temperature: Input should be a valid number");
    }
    if (t.asDouble() < 0) {
      throw ApiError.invalidRequest("temperature: Input should be greater than or equal to 0");
    }
    if (t.asDouble() > 1) {
      throw ApiError.invalidRequest("temperature: Input should be less than or equal to 1");
    }
  }

  private static void thinking(JsonNode request, boolean needsMaxTokens) throws ApiError {
    JsonNode thinking = request.path("thinking");
    if (!"enabled".equals(thinking.path("type").asText())) {
      return;
    }
    JsonNode budget = thinking.get("budget_tokens");
    if (budget == null || !budget.isIntegralNumber()) {
      throw ApiError.invalidRequest("thinking.enabled.budget_tokens: Field required");
    }
    if (budget.asLong() < 1024) {
      throw ApiError.invalidRequest("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    }
    if (needsMaxTokens && request.path("max_tokens").asLong() <= budget.asLong()) {
      throw ApiError.invalidRequest("`max_tokens` must be greater than `thinking.budget_tokens`.");
    }
    JsonNode t = request.get("temperature");
    if (t != null && t.isNumber() && t.asDouble() != 1.0) {
      throw ApiError.invalidRequest("`temperature` may only be set to 1 when thinking is enabled.");
    }
  }

  private static void tools(JsonNode request) throws ApiError {
    JsonNode tools = request.path("tools");
    if (tools.isMissingNode() || tools.isNull()) {
      return;
    }
    if (!tools.isArray()) {
      throw ApiError.invalidRequest("tools: Input should be a valid list");
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (tool.has("type") && !tool.path("type").asText().equals("custom")) {
        continue; // server and client tools of the platform: accepted, never called by the stand-in
      }
      if (!tool.path("name").isTextual()) {
        throw ApiError.invalidRequest("tools." + i + ".custom.name: Field required");
      }
      if (!tool.path("input_schema").isObject()) {
        throw ApiError.invalidRequest("tools." + i + ".custom.input_schema: Field required");
      }
    }
    JsonNode choice = request.path("tool_choice");
    if ("tool".equals(choice.path("type").asText())) {
      String name = choice.path("name").asText("");
      boolean found = false;
      for (JsonNode tool : tools) {
        found |= name.equals(tool.path("name").asText());
      }
      if (!found) {
        throw ApiError.invalidRequest("Tool '" + name + "' not found in provided tools");
      }
    }
  }
}
