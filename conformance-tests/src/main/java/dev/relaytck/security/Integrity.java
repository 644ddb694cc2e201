package dev.relaytck.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a message the client received with the one the upstream sent: tool inputs byte for
 * byte (SEC-010) and text content (SEC-020). Pure functions over {@link MessageView}s, so the
 * hermetic checks, the endurance run and the tests share them.
 */
public final class Integrity {
  private Integrity() {}

  /** Differences of the tool_use inputs, paired in order; {@code conversation} is everything the request contained. */
  public static List<Finding> toolInputs(String label, MessageView expected, MessageView actual, String conversation) {
    List<Finding> out = new ArrayList<>();
    List<MessageView.Block> want = expected.toolUses();
    List<MessageView.Block> got = actual.toolUses();
    for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
      MessageView.Block w = i < want.size() ? want.get(i) : null;
      MessageView.Block g = i < got.size() ? got.get(i) : null;
      String where = "tool_use #" + i + " (" + (w != null ? w.toolName() : g.toolName()) + ")";
      if (w == null) {
        out.add(new Finding(label, where, "a tool call the upstream never sent, input " + ByteDiff.quote(g.input()), null,
            ExecutableAdditions.in(g.input(), conversation)));
      } else if (g == null) {
        out.add(new Finding(label, where, "the upstream's tool call is missing", null, List.of()));
      } else {
        ByteDiff d = ByteDiff.of(w.input(), g.input());
        if (d != null) {
          out.add(new Finding(label, where, "input differs from the upstream's", d, ExecutableAdditions.in(d.actual(), conversation)));
        }
      }
    }
    return out;
  }

  /** Text the upstream did not send: added text blocks and changed text, paired in order. */
  public static List<Finding> text(String label, MessageView expected, MessageView actual, String conversation) {
    List<Finding> out = new ArrayList<>();
    List<MessageView.Block> want = expected.blocks().stream().filter(b -> "text".equals(b.type())).toList();
    List<MessageView.Block> got = actual.blocks().stream().filter(b -> "text".equals(b.type())).toList();
    for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
      MessageView.Block w = i < want.size() ? want.get(i) : null;
      MessageView.Block g = i < got.size() ? got.get(i) : null;
      String where = "text block #" + i;
      if (w == null) {
        out.add(new Finding(label, where, "a text block the upstream never sent", ByteDiff.of("", g.text()),
            ExecutableAdditions.in(g.text(), conversation)));
      } else if (g == null) {
        out.add(new Finding(label, where, "the upstream's text block is missing", null, List.of()));
      } else {
        ByteDiff d = ByteDiff.of(w.text(), g.text());
        if (d != null) out.add(new Finding(label, where, "text differs from the upstream's", d, ExecutableAdditions.in(d.actual(), conversation)));
      }
    }
    return out;
  }
}
