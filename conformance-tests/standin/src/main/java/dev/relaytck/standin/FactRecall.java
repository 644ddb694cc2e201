package dev.relaytck.standin;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's long-context memory: when the end of the last user turn asks about a fact the
 * prompt states once ("the access code of the Juniper archive is 4821."), the answer is that
 * fact's value, however deep in the prompt it sits. Whatever a relay cut from the prompt is
 * gone: the stochastic text answers instead, as a model that never saw the fact would.
 */
final class FactRecall {
  /** "the ATTRIBUTE of the Owner KIND is VALUE." */
  private static final Pattern FACT = Pattern.compile("\\bthe ([a-z]+(?: [a-z]+)?) of the ([A-Z][a-z]+) ([a-z]+) is ([0-9A-Za-z-]+)\\.");
  /** The question is at the end of the last user turn; the fact must not be read from there. */
  static final int QUESTION_CHARS = 400;

  private FactRecall() {}

  static Optional<String> answer(String conversation, String lastUserText) {
    String question = lastUserText.substring(Math.max(0, lastUserText.length() - QUESTION_CHARS)).toLowerCase(Locale.ROOT);
    if (!question.contains("?") && !question.contains("answer") && !question.contains("reply")) return Optional.empty();
    Matcher m = FACT.matcher(conversation);
    while (m.find()) {
      if (question.contains(m.group(1)) && question.contains(m.group(2).toLowerCase(Locale.ROOT))) return Optional.of(m.group(4));
    }
    return Optional.empty();
  }
}
