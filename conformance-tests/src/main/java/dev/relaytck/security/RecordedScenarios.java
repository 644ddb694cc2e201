package dev.relaytck.security;

import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import java.util.List;
import java.util.Optional;

/**
 * The scenarios whose recorded answer the hermetic security checks compare with: successful
 * messages, no injected fault, not the Claude Code CLI's (whose answers the replay scripts).
 */
public final class RecordedScenarios {
  private RecordedScenarios() {}

  public static List<Scenario> comparable(RunContext run) {
    return run.scenarios().all().stream()
        .filter(s -> s.messages() && !s.injected() && s.fault() == null && s.recordedStatus() == 200
            && !s.has(ScenarioRequests.CLAUDE_CODE) && expected(s).isPresent())
        .toList();
  }

  /** Those whose recorded answer calls a tool. */
  public static List<Scenario> withToolCalls(RunContext run) {
    return comparable(run).stream().filter(s -> !expected(s).get().toolUses().isEmpty()).toList();
  }

  public static Optional<MessageView> expected(Scenario s) {
    return MessageView.of(s.recording());
  }
}
