package dev.relaytck.security;

import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hermetic SEC-010 and SEC-020: every comparable scenario's exchange (the one the suite already
 * made, from the run's cache) against its recording, tool inputs byte for byte and text exactly.
 *
 * @param compared exchanges that carried a message to compare
 * @param unreadable exchanges that did not (status, broken stream), in words: not evidence either way
 */
public record RecordedComparison(int compared, int toolInputs, int textBlocks, List<Finding> toolFindings,
    List<Finding> textFindings, List<String> unreadable) {

  public static RecordedComparison of(RunContext run, List<Scenario> scenarios) {
    int compared = 0;
    int tools = 0;
    int texts = 0;
    List<Finding> toolFindings = new ArrayList<>();
    List<Finding> textFindings = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Scenario s : scenarios) {
      Exchange e = run.probe(s).exchange();
      Optional<MessageView> got = MessageView.of(e);
      MessageView want = RecordedScenarios.expected(s).orElseThrow();
      if (got.isEmpty()) {
        unreadable.add(s.id() + ": " + e.summary());
        continue;
      }
      compared++;
      tools += want.toolUses().size();
      texts += (int) want.blocks().stream().filter(b -> "text".equals(b.type())).count();
      String conversation = new String(e.sentBody() == null ? new byte[0] : e.sentBody(), java.nio.charset.StandardCharsets.UTF_8);
      toolFindings.addAll(Integrity.toolInputs(s.id(), want, got.get(), conversation));
      textFindings.addAll(Integrity.text(s.id(), want, got.get(), conversation));
    }
    return new RecordedComparison(compared, tools, texts, toolFindings, textFindings, unreadable);
  }
}
