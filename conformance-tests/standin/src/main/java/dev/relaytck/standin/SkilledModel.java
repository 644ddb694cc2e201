package dev.relaytck.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A model that gets tasks with checkable answers right with probability {@code skill} at
 * temperature 1 ({@link ProbeSolver} reads the task from the prompt's content), and otherwise
 * makes the slip a weaker model makes; every other prompt is answered by the base model, so the
 * open-ended answers, the tokenizer and the limits are the base model's. Two of them over one base
 * are a capable model and its cheaper sibling that only capability probes tell apart.
 */
public final class SkilledModel implements LanguageModel {
  private final LanguageModel base;
  private final double skill;

  public SkilledModel(LanguageModel base, double skill) {
    if (!(skill >= 0 && skill <= 1)) throw new IllegalArgumentException("skill is a probability");
    this.base = base;
    this.skill = skill;
  }

  public double skill() {
    return skill;
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public String displayName() {
    return base.displayName();
  }

  @Override
  public int maxOutputTokens() {
    return base.maxOutputTokens();
  }

  @Override
  public int contextWindow() {
    return base.contextWindow();
  }

  @Override
  public Tokenizer tokenizer() {
    return base.tokenizer();
  }

  @Override
  public List<String> sample(String prompt, RandomGenerator rng, double temperature) {
    return ProbeSolver.read(prompt).map(task -> {
      List<String> replies = rng.nextDouble() < skill ? task.right() : task.slips();
      return Arrays.asList(replies.get(rng.nextInt(replies.size())).split(" "));
    }).orElseGet(() -> base.sample(prompt, rng, temperature));
  }

  @Override
  public List<String> think(String prompt, RandomGenerator rng) {
    return base.think(prompt, rng);
  }

  /**
   * Calls asked for explicitly or forced keep the base behaviour; otherwise every tool the text
   * needs is called (in parallel unless the request disables it) with probability {@code skill},
   * and only the first one otherwise.
   */
  @Override
  public List<ToolCallIntent> toolCalls(JsonNode request, String lastUserText, RandomGenerator rng) {
    List<ToolCallIntent> asked = LanguageModel.super.toolCalls(request, lastUserText, rng);
    String choice = request.path("tool_choice").path("type").asText("auto");
    if (!asked.isEmpty() || !choice.equals("auto")) return asked;
    List<ProbeSolver.ToolNeed> needs = ProbeSolver.toolNeeds(request.path("tools"), lastUserText);
    if (needs.isEmpty()) return List.of();
    boolean parallel = !request.path("tool_choice").path("disable_parallel_tool_use").asBoolean(false);
    int calls = parallel && rng.nextDouble() < skill ? needs.size() : 1;
    List<ToolCallIntent> out = new ArrayList<>();
    for (ProbeSolver.ToolNeed need : needs.subList(0, calls)) {
      String value = need.argument() != null ? need.argument() : base.sample(lastUserText, rng, 1.0).get(0).replaceAll("[.,]", "");
      out.add(ToolCallIntent.named(request.path("tools"), need.tool(), value));
    }
    return out;
  }
}
