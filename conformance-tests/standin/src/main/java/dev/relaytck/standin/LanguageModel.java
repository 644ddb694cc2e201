package dev.relaytck.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A model the stand-in serves: its name, limits, tokenizer and a sampler. Answers to one prompt
 * come from a distribution that depends on the prompt only (the same prompt always gives the same
 * distribution), drawn with the generator the server passes: a fresh one per request at
 * temperature above 0, one seeded from the prompt at temperature 0 (deterministic answers).
 */
public interface LanguageModel {
  /** The id clients send as {@code model} and {@code /v1/models} lists. */
  String name();

  default String displayName() {
    return name();
  }

  /** The largest {@code max_tokens} the model accepts. */
  int maxOutputTokens();

  /** The context window: the largest prompt, in this model's tokens. */
  int contextWindow();

  Tokenizer tokenizer();

  /**
   * The words of one answer to {@code prompt}, in order, punctuation attached; the server joins
   * them with single spaces and cuts at {@code max_tokens}.
   */
  List<String> sample(String prompt, RandomGenerator rng, double temperature);

  /** Words of a thinking block for {@code prompt} (extended thinking). */
  default List<String> think(String prompt, RandomGenerator rng) {
    return sample("thinking about: " + prompt, rng, 1.0);
  }

  /**
   * The tools this answer calls: by default the one {@code tool_choice} forces or the last user
   * turn asks for ("call NAME with LITERAL"), if any.
   */
  default List<ToolCallIntent> toolCalls(JsonNode request, String lastUserText, RandomGenerator rng) {
    return ToolCallIntent.of(request, lastUserText, this, rng).map(List::of).orElse(List.of());
  }
}
