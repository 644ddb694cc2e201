package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.ToolCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.Chunk;
import dev.relaytck.target.Ending;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.TargetConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * TOOL-020 (tool_choice any) and TOOL-040 (tool_choice none) on the captured official
 * exchanges: the recorded answer passes, and an answer that breaks the choice fails with the
 * check's ID and what arrived. The answers are put in the run's exchange cache (the level below
 * the rule: no relay is needed to show what the rule does with an answer).
 */
class ToolChoiceRulesTests {
  private static final String ANY = "tool-choice-any";
  private static final String NONE = "tool-choice-none";

  private static RunContext live() {
    Map<String, String> p = Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:9", TargetConfig.API_KEY, "k");
    return new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()), ScenarioCatalog.forRun(Recordings.bundled()));
  }

  /** {@code body} as the relay's JSON answer to {@code scenario}. */
  private static Verdict answer(RunContext run, ToolCheck check, String scenario, String body) {
    Scenario s = run.scenarios().byId(scenario).orElseThrow();
    Exchange e = new Exchange(scenario, "POST", URI.create("http://127.0.0.1:9/v1/messages"), Map.of(),
        s.recording().request().body().toString().getBytes(StandardCharsets.UTF_8), 200,
        Map.of("content-type", List.of("application/json")), List.of(new Chunk(body.getBytes(StandardCharsets.UTF_8), 2)),
        0, 1, 3, Ending.COMPLETE, null);
    run.cache().get(scenario, () -> e);
    assertThat(Evaluators.of(check).notApplicable(s, run)).as(check.id() + " applies to " + scenario).isEmpty();
    return Evaluators.evaluate(check, s, run);
  }

  private static String recorded(RunContext run, String scenario) {
    return new String(run.scenarios().byId(scenario).orElseThrow().recording().response().body(), StandardCharsets.UTF_8);
  }

  @Test
  void theRecordedAnswersPass() {
    RunContext run = live();
    assertThat(answer(run, ToolCheck.TOOL_020, ANY, recorded(run, ANY)).outcome()).isEqualTo(Outcome.PASSED);
    RunContext other = live();
    assertThat(answer(other, ToolCheck.TOOL_040, NONE, recorded(other, NONE)).outcome()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void toolChoiceAnyAnsweredWithTextFailsTool020() {
    Verdict v = answer(live(), ToolCheck.TOOL_020, ANY, "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"The Roman Empire fell in 476.\"}],"
        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}");

    assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(v.message()).contains("TOOL-020", "tool_choice any was not honoured", "got blocks [text]");
  }

  @Test
  void toolChoiceNoneAnsweredWithAToolCallFailsTool040() {
    Verdict v = answer(live(), ToolCheck.TOOL_040, NONE, "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"m\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"weather\",\"input\":{}}],"
        + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}");

    assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(v.message()).contains("TOOL-040", "tool_choice none, yet a tool was called", "got weather");
  }
}
