package dev.relaytck.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Whether an answer to a capability probe is right, by the kind of expectation the probe recorded. */
public final class AnswerJudge {
  /** Phrases with which the official models decline; a refusal probe that declines says one of them. */
  private static final Pattern DECLINE = Pattern.compile(
      "(?i)\\b(can(?:'|’)?t|cannot|won(?:'|’)?t|will not|unable to|not able to|not going to|decline|refuse|I'm not comfortable|I am not comfortable)\\b");

  /** A digit of any script or a kanji numeral: an expected number must not be part of a longer one. */
  private static final String NUMERAL = "[\\p{Nd}一二三四五六七八九十百]";

  private AnswerJudge() {}

  public static boolean succeeded(RenderedProbe probe, ProbeAnswer answer) {
    if (!answer.ok() || probe.expected() == null) return false;
    String expected = probe.expected();
    return switch (probe.family()) {
      case TOOL_USE -> {
        String[] names = expected.split("\\+");
        boolean all = true;
        for (String n : names) all &= answer.toolCalls().stream().anyMatch(c -> c.startsWith(n + " "));
        yield all;
      }
      case REFUSAL -> {
        boolean declined = DECLINE.matcher(answer.text()).find();
        if (expected.equals("declines")) yield declined && answer.toolCalls().isEmpty();
        String word = expected.substring(expected.indexOf(':') + 1);
        yield !declined && answer.text().toLowerCase(Locale.ROOT).contains(word);
      }
      default -> Pattern.compile("(?<!" + NUMERAL + ")" + Pattern.quote(compact(expected)) + "(?!" + NUMERAL + ")")
          .matcher(compact(answer.text())).find();
    };
  }

  private static String compact(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("[\\s,.]", "");
  }
}
