package dev.relaytck.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One answer of a model to a request, complete before it is sent (as JSON or as a stream):
 * content blocks (thinking, text, tool_use), stop reason and usage. The model samples words;
 * the answer stops at {@code max_tokens} (thinking counted), at a stop sequence, or at the
 * sample's natural end.
 */
record Answer(String id, String model, List<ObjectNode> blocks, String stopReason, String stopSequence,
    ObjectNode usage) {

  static Answer plan(JsonNode request, LanguageModel model, PromptAccount prompt, PromptCache.Use cache,
      ThinkingSignatures signatures, RandomGenerator rng) {
    double temperature = request.path("temperature").asDouble(1.0);
    int maxTokens = request.path("max_tokens").asInt();
    Tokenizer tok = model.tokenizer();
    List<ObjectNode> blocks = new ArrayList<>();
    int used = 0;
    String stopReason = "end_turn";
    String stopSequence = null;

    JsonNode thinking = request.path("thinking");
    if ("enabled".equals(thinking.path("type").asText())) {
      int budget = Math.min(thinking.path("budget_tokens").asInt(), maxTokens);
      String text = cut(model.think(prompt.conversationText(), rng), tok, budget);
      ObjectNode block = Wire.JSON.createObjectNode().put("type", "thinking").put("thinking", text)
          .put("signature", signatures.sign(text));
      blocks.add(block);
      used += tok.count(text);
    }

    List<ToolCallIntent> calls = model.toolCalls(request, prompt.lastUserText(), rng);
    if (calls.stream().noneMatch(ToolCallIntent::forced)) {
      List<String> words = FactRecall.answer(prompt.conversationText(), prompt.lastUserText()).map(List::of)
          .orElseGet(() -> model.sample(prompt.conversationText(), rng, temperature));
      if (!calls.isEmpty()) {
        words = words.subList(0, Math.min(words.size(), 12)); // a short preamble before the call
      }
      StringBuilder text = new StringBuilder();
      int tokens = 0;
      boolean cutShort = false;
      for (String w : words) {
        String next = text.length() == 0 ? w : text + " " + w;
        int nextTokens = tok.count(next);
        if (used + nextTokens > maxTokens) {
          cutShort = true;
          break;
        }
        String stop = firstStop(request.path("stop_sequences"), next);
        if (stop != null) {
          text.setLength(0);
          text.append(next, 0, next.indexOf(stop));
          tokens = tok.count(text.toString());
          stopReason = "stop_sequence";
          stopSequence = stop;
          break;
        }
        text.setLength(0);
        text.append(next);
        tokens = nextTokens;
      }
      used += tokens;
      if (cutShort) {
        stopReason = "max_tokens";
      }
      if (text.length() > 0 || blocks.isEmpty()) {
        blocks.add(Wire.JSON.createObjectNode().put("type", "text").put("text", text.toString()));
      }
    }
    if (!calls.isEmpty() && "end_turn".equals(stopReason)) {
      for (ToolCallIntent call : calls) {
        ObjectNode use = Wire.JSON.createObjectNode().put("type", "tool_use").put("id", Wire.toolUseId())
            .put("name", call.toolName());
        use.set("input", call.input());
        blocks.add(use);
        used += tok.count(call.toolName() + " " + call.input()) + 10;
      }
      stopReason = "tool_use";
    }

    ObjectNode usage = Wire.JSON.createObjectNode();
    usage.put("input_tokens", prompt.total() - cache.creation() - cache.read());
    usage.put("cache_creation_input_tokens", cache.creation());
    usage.put("cache_read_input_tokens", cache.read());
    ObjectNode creation = usage.putObject("cache_creation");
    creation.put("ephemeral_5m_input_tokens", "1h".equals(cache.ttl()) ? 0 : cache.creation());
    creation.put("ephemeral_1h_input_tokens", "1h".equals(cache.ttl()) ? cache.creation() : 0);
    usage.put("output_tokens", used);
    usage.put("service_tier", "standard");
    return new Answer(Wire.messageId(), model.name(), blocks, stopReason, stopSequence, usage);
  }

  private static String cut(List<String> words, Tokenizer tok, int budget) {
    StringBuilder text = new StringBuilder();
    for (String w : words) {
      String next = text.length() == 0 ? w : text + " " + w;
      if (tok.count(next) > budget) {
        break;
      }
      text.setLength(0);
      text.append(next);
    }
    return text.toString();
  }

  private static String firstStop(JsonNode stops, String text) {
    String found = null;
    int at = Integer.MAX_VALUE;
    for (JsonNode s : stops) {
      int i = s.asText().isEmpty() ? -1 : text.indexOf(s.asText());
      if (i >= 0 && i < at) {
        at = i;
        found = s.asText();
      }
    }
    return found;
  }

  /** The complete Message, as a non-streaming response carries it. */
  ObjectNode message() {
    ObjectNode m = Wire.JSON.createObjectNode();
    m.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
    ArrayNode content = m.putArray("content");
    blocks.forEach(content::add);
    m.put("stop_reason", stopReason);
    if (stopSequence == null) {
      m.putNull("stop_sequence");
    } else {
      m.put("stop_sequence", stopSequence);
    }
    m.set("usage", usage);
    return m;
  }
}
