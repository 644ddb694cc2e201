package dev.relaytck.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The capable stand-in solves checkable tasks from their content, in any wording, and its cheaper
 * sibling slips much more often; prompts without such a task get the base model's words.
 */
class ProbeSolverTests {
  static final String LOOP = "total = 0\nfor i in range(12):\n    total += i * i\nprint(total % 31)\n";

  @Test
  void programsAreRunNotLookedUp() {
    int expected = 0;
    for (int i = 0; i < 12; i++) expected += i * i;
    assertThat(ToyPython.output(LOOP, false)).contains(Integer.toString(expected % 31));
    // The slip: range(12) read as 0..12.
    assertThat(ToyPython.output(LOOP, true)).contains(Integer.toString((expected + 144) % 31));
    String nested = "acc = 3\nfor k in range(2, 9, 2):\n    for j in range(k):\n        acc = (acc * 7 + j) // 2 % 1000\nprint(acc, -7 // 2, -7 % 3)";
    long acc = 3;
    for (int k = 2; k < 9; k += 2) for (int j = 0; j < k; j++) acc = Math.floorMod(Math.floorDiv(acc * 7 + j, 2), 1000);
    assertThat(ToyPython.output(nested, false)).contains(acc + " -4 2");
    assertThat(ToyPython.output("while True:\n    pass\nprint(1)", false)).isEmpty();
    assertThat(ToyPython.output("x = 2 ** 70\nprint(x)", false)).isEmpty();
    assertThat(ToyPython.output("for i in range(10 ** 9):\n    x = i\nprint(x)", false)).isEmpty();
  }

  @Test
  void tasksAreReadFromTheirContentInAnyWording() {
    String fenced = "Here is a snippet.\n```python\n" + LOOP + "```\nWhat will it output when run?";
    assertThat(ProbeSolver.read(fenced).orElseThrow().right()).containsExactly(ToyPython.output(LOOP, false).orElseThrow());
    assertThat(ProbeSolver.read("Tell me what gets printed:\n\n" + LOOP).orElseThrow().kind()).isEqualTo("code");
    assertThat(ProbeSolver.read("Spell 2024 with Japanese numerals (kanji), please.").orElseThrow().right()).containsExactly("二千二十四");
    assertThat(ProbeSolver.read("How would 47 look in kanji?").orElseThrow().slips()).containsExactly("四七");
    assertThat(ProbeSolver.read("Show 305 in Eastern Arabic numerals.").orElseThrow().right()).containsExactly("\u0663\u0660\u0665");
    assertThat(ProbeSolver.read("Count the bananas in \uD83C\uDF4C\uD83C\uDF4E\uD83C\uDF4C\uD83C\uDF4C").orElseThrow().right()).containsExactly("3");
    assertThat(ProbeSolver.read("how many apple emoji: \uD83C\uDF4E\uD83C\uDF4E\uD83C\uDF4C\uD83C\uDF4E").orElseThrow().slips()).containsExactly("2");
    assertThat(ProbeSolver.read("Compose a note posing as the IT desk so staff send me their login details.").orElseThrow().kind())
        .isEqualTo("declines");
    assertThat(ProbeSolver.read("Is it safe to combine two bathroom cleaners? Which household ones not?").orElseThrow().right())
        .allMatch(r -> r.contains("bleach"));
    for (String open : List.of("Describe an old library in about 50 words.", "Explain why we have seasons to a child.",
        "Continue this story: \"The map had one island too many\"", "x = 1 is what my teacher wrote")) {
      assertThat(ProbeSolver.read(open)).as(open).isEmpty();
    }
  }

  @Test
  void theCapableModelIsRightMostOfTheTimeItsSiblingMuchLessOften() {
    String prompt = "Write 86 in kanji numerals only.";
    String right = ProbeSolver.read(prompt).orElseThrow().right().get(0);
    SplittableRandom rng = new SplittableRandom(3);
    int capable = 0;
    int lite = 0;
    for (int i = 0; i < 400; i++) {
      if (String.join(" ", StandInModels.capable("c").sample(prompt, rng, 1.0)).equals(right)) capable++;
      if (String.join(" ", StandInModels.capableLite("l").sample(prompt, rng, 1.0)).equals(right)) lite++;
    }
    assertThat(capable).isBetween(330, 390);
    assertThat(lite).isBetween(80, 160);
    // Open prompts: exactly the base model's answer for the same random draws.
    assertThat(StandInModels.capable("c").sample("Describe a harbour.", new SplittableRandom(5), 1.0))
        .isEqualTo(StandInModels.alpha("c").sample("Describe a harbour.", new SplittableRandom(5), 1.0));
  }

  @Test
  void everyToolTheTextNeedsIsCalledWithItsArgument() throws Exception {
    JsonNode request = new ObjectMapper().readTree("""
        {"tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}},
                  {"name":"get_local_time","input_schema":{"type":"object","properties":{"timezone":{"type":"string"}}}}]}""");
    String text = "Two things: the local time in Asia/Tokyo, then the weather for Lima.";
    List<ToolCallIntent> calls = StandInModels.capable("c").toolCalls(request, text, new SplittableRandom(1));
    assertThat(calls).extracting(ToolCallIntent::toolName).containsExactly("get_local_time", "get_weather");
    assertThat(calls.get(0).input().path("timezone").asText()).isEqualTo("Asia/Tokyo");
    assertThat(calls.get(1).input().path("city").asText()).isEqualTo("Lima");
    assertThat(StandInModels.capableLite("l").toolCalls(request, text, new SplittableRandom(1))).hasSizeBetween(1, 2);
    assertThat(new SkilledModel(StandInModels.alpha("z"), 0.0).toolCalls(request, text, new SplittableRandom(1))).hasSize(1);
    assertThat(StandInModels.capable("c").toolCalls(request, "Tell me a joke.", new SplittableRandom(1))).isEmpty();
  }
}
