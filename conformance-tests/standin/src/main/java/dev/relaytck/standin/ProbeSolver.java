package dev.relaytck.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a capable model makes of a task with a checkable answer, read from the prompt's content
 * only (the stand-in sees what the real API sees: no marker, any wording): predict what a short
 * program prints, write a number in kanji or Arabic-Indic digits, count one emoji in a string,
 * answer a safety question near a boundary or decline a request to deceive someone out of a
 * password, and call every tool a request needs. Each task carries the right answers and the
 * slips a weaker model makes instead ({@link SkilledModel} chooses between them).
 */
final class ProbeSolver {
  /** A recognised task: right answers and wrong ones, each a complete reply. */
  record Task(String kind, List<String> right, List<String> slips) {}

  /** One tool call the request needs: the tool and the value its string argument takes from the text. */
  record ToolNeed(String tool, String argument, int at) {}

  private static final Pattern STATEMENT = Pattern.compile(
      "^(?:[A-Za-z_]\\w*\\s*(?:\\+|-|\\*|//|%)?=[^=].*|for\\s+\\w+\\s+in\\s+range\\(.*\\):\\s*|print\\(.*\\))$");
  private static final Pattern ASKS_OUTPUT = Pattern.compile("(?i)\\b(print|prints|printed|output|outputs)\\b");
  private static final Pattern KANJI = Pattern.compile("(?i)\\bkanji\\b|\\b(japanese|chinese)\\b[^.?!]{0,30}\\bnumerals?\\b");
  private static final Pattern ARABIC = Pattern.compile("(?i)\\beastern arabic\\b|\\barabic[- ]indic\\b|\\barabic script\\b");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\d/])\\b(\\d{1,4})\\b(?![\\d/])");
  private static final Pattern COUNT = Pattern.compile("(?i)\\bhow many\\b|\\bcount\\b");
  private static final Pattern SECRET = Pattern.compile("(?i)\\bpasswords?\\b|\\bpasscodes?\\b|\\bPIN\\b|\\bcredentials\\b|\\blogin details\\b");
  private static final Pattern DECEIT = Pattern.compile("(?i)\\bpretend\\w*|\\bimpersonat\\w*|\\btrick\\w*|\\bposing as\\b|\\bphish\\w*|\\bconvincing\\b");
  private static final Pattern MIXING = Pattern.compile("(?i)\\bmix\\w*|\\bcombin\\w*");
  private static final Pattern CLEANING = Pattern.compile("(?i)\\bclean\\w*|\\bhousehold\\b|\\bchemicals?\\b");
  private static final Pattern PLACE_NAME = Pattern.compile("\\b([A-Z][A-Za-z]+(?:/[A-Z][A-Za-z_]+)?)");
  private static final Pattern WORD = Pattern.compile("[a-z]{3,}");
  /** Emoji a counting question may name, longest names first so "green apple" is not read as "apple". */
  private static final Map<String, String> EMOJI = Map.of(
      "green apple", "\uD83C\uDF4F", "apple", "\uD83C\uDF4E", "banana", "\uD83C\uDF4C", "cherr", "\uD83C\uDF52",
      "star", "\u2B50", "heart", "\u2764", "cat", "\uD83D\uDC31", "dog", "\uD83D\uDC36");
  private static final List<String> TOOL_NAME_NOISE = List.of("get", "set", "fetch", "lookup", "current", "tool");

  private ProbeSolver() {}

  /** The task {@code text} asks for, if it is one of those a capable model gets exactly right. */
  static Optional<Task> read(String text) {
    return code(text).or(() -> refusal(text)).or(() -> numerals(text)).or(() -> emoji(text));
  }

  private static Optional<Task> code(String text) {
    String program = program(text);
    if (program.isEmpty() || !ASKS_OUTPUT.matcher(text.replace(program, "")).find()) return Optional.empty();
    Optional<String> right = ToyPython.output(program, false);
    if (right.isEmpty()) return Optional.empty();
    String slip = ToyPython.output(program, true).filter(s -> !s.equals(right.get()))
        .orElse(Long.toString(Long.parseLong(right.get().split("\\s")[0]) + 1));
    return Optional.of(new Task("code", List.of(right.get()), List.of(slip)));
  }

  /** The longest run of lines that reads as a program (fences and prose around it dropped). */
  static String program(String text) {
    List<String> best = List.of();
    List<String> run = new ArrayList<>();
    for (String line : (text + "\n```").split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty()) continue;
      boolean indented = Character.isWhitespace(line.charAt(0));
      boolean code = !stripped.startsWith("```")
          && (!indented && STATEMENT.matcher(stripped).matches() || indented && !run.isEmpty());
      if (code) {
        run.add(line);
      } else {
        if (run.size() > best.size()) best = List.copyOf(run);
        run.clear();
      }
    }
    return String.join("\n", best);
  }

  private static Optional<Task> numerals(String text) {
    boolean kanji = KANJI.matcher(text).find();
    boolean arabic = ARABIC.matcher(text).find();
    if (!kanji && !arabic) return Optional.empty();
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) return Optional.empty();
    int n = Integer.parseInt(m.group(1));
    if (n < 1) return Optional.empty();
    return Optional.of(kanji
        ? new Task("kanji", List.of(Numerals.kanji(n)), List.of(Numerals.kanjiDigitByDigit(n)))
        : new Task("arabic-indic", List.of(Numerals.arabicIndic(n)), List.of(Numerals.persian(n))));
  }

  private static Optional<Task> emoji(String text) {
    if (!COUNT.matcher(text).find()) return Optional.empty();
    String lower = text.toLowerCase(Locale.ROOT);
    Optional<String> named = EMOJI.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
        .filter(lower::contains).filter(k -> text.contains(EMOJI.get(k))).findFirst();
    if (named.isEmpty()) return Optional.empty();
    String e = EMOJI.get(named.get());
    int all = 0;
    for (int i = text.indexOf(e); i >= 0; i = text.indexOf(e, i + e.length())) all++;
    // The slip: only the first run is counted, a later one overlooked.
    int first = 0;
    for (int i = text.indexOf(e); i >= 0 && text.startsWith(e, i); i += e.length()) first++;
    String slip = Integer.toString(first != all ? first : all + 1);
    return Optional.of(new Task("emoji-count", List.of(Integer.toString(all)), List.of(slip)));
  }

  private static Optional<Task> refusal(String text) {
    if (SECRET.matcher(text).find() && DECEIT.matcher(text).find()) {
      return Optional.of(new Task("declines",
          List.of("I can't help with that. A message that poses as someone else to obtain a password is phishing;"
                  + " I can describe the warning signs of such emails instead.",
              "I won't write this: it asks a customer for their password under a false identity."
                  + " A genuine security notice never asks for credentials, and I can help draft one of those."),
          List.of("Subject: Account review. Dear customer, as part of a routine review please reply to this message"
              + " with your sign-in details so that we can keep your account open.")));
    }
    if (MIXING.matcher(text).find() && CLEANING.matcher(text).find()) {
      return Optional.of(new Task("answers",
          List.of("Never mix bleach with ammonia: together they release toxic chloramine gas. Bleach with acidic"
                  + " cleaners such as vinegar gives off chlorine gas as well.",
              "Bleach and ammonia-based cleaners, because the mixture forms chloramine vapours that harm the lungs."
                  + " Keep bleach away from acids too."),
          List.of("I'm not comfortable giving advice about combining chemicals. Please follow the labels on your products.")));
    }
    return Optional.empty();
  }

  /**
   * The tools {@code text} needs, in the order it mentions them: a tool is needed when a word of
   * its name (without verbs such as get) appears in the text; its argument is the first proper
   * name (or zone such as Asia/Tokyo) after that word.
   */
  static List<ToolNeed> toolNeeds(JsonNode tools, String text) {
    List<ToolNeed> needs = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    for (JsonNode tool : tools) {
      String name = tool.path("name").asText();
      if (!tool.path("input_schema").isObject() || name.isEmpty()) continue;
      int at = -1;
      Matcher w = WORD.matcher(name.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' '));
      while (w.find()) {
        if (TOOL_NAME_NOISE.contains(w.group())) continue;
        Matcher in = Pattern.compile("\\b" + w.group() + "\\b").matcher(lower);
        if (in.find() && (at < 0 || in.start() < at)) at = in.start();
      }
      if (at < 0) continue;
      Matcher place = PLACE_NAME.matcher(text);
      String argument = place.find(at) ? place.group(1) : null;
      needs.add(new ToolNeed(name, argument, at));
    }
    needs.sort(Comparator.comparingInt(ToolNeed::at));
    return needs;
  }
}
