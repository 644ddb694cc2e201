package dev.relaytck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.cli.RelayTck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code relay-tck} command the documentation shows in a code block is one the kit accepts:
 * its subcommand and every option exist and take the values given. A renamed or removed option
 * fails here instead of in a user's terminal. (What the main commands do is proven end to end
 * by the command tests; this keeps every other example honest.)
 */
class DocsCommandsTests {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyDocumentedCommandParses() throws IOException {
    List<String> commands = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (Path page : pages()) {
      boolean inCode = false;
      String pending = "";
      for (String raw : Files.readAllLines(page)) {
        if (raw.strip().startsWith("```")) {
          inCode = !inCode;
          pending = "";
          continue;
        }
        if (!inCode) continue;
        if (raw.endsWith("\\")) {
          pending += raw.substring(0, raw.length() - 1) + " ";
          continue;
        }
        String line = pending + raw;
        pending = "";
        List<String> args = invocation(line);
        if (args == null) continue;
        commands.add(String.join(" ", args));
        try {
          new CommandLine(new RelayTck()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
          rejected.add(ROOT.relativize(page) + ": relay-tck " + String.join(" ", args) + " -> " + e.getMessage());
        }
      }
    }
    assertThat(commands).as("the docs show relay-tck commands").hasSizeGreaterThan(10);
    assertThat(rejected).as("documented commands the kit rejects").isEmpty();
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /**
   * The arguments of a {@code relay-tck} invocation on this line, or null when it is none (or a
   * synopsis with {@code [optional]} parts): shell comments, redirections and a trailing
   * {@code &} dropped; {@code $VAR} kept as a value.
   */
  static List<String> invocation(String line) {
    String s = line.strip();
    if (s.startsWith("- ")) s = s.substring(2).strip();
    // Diagrams, comments and placeholders such as <the API's base URL> are not commands.
    if (s.startsWith("#") || s.contains("──") || s.contains("<") && s.contains(">") && !s.contains(" > ")) return null;
    // An aligned column after three spaces is a description or a comment.
    s = s.split(" {3,}", 2)[0];
    int at = s.indexOf("relay-tck ");
    if (at < 0 || s.contains("[") || s.contains("...") || s.contains("…")) return null;
    String before = s.substring(0, at);
    if (!(before.isEmpty() || before.endsWith("./") || before.endsWith("$PWD/") || before.matches(".*(^|\\s|&&\\s?)"))) {
      return null;
    }
    List<String> words = words(s.substring(at + "relay-tck ".length()));
    List<String> args = new ArrayList<>();
    for (String w : words) {
      if (w.equals("#") || w.startsWith("#") || w.equals("&") || w.equals("&&") || w.equals("|") || w.equals(";")
          || w.startsWith(">") || w.startsWith("2>")) {
        break;
      }
      args.add(w);
    }
    return args.isEmpty() || args.get(0).startsWith("-") && !args.get(0).equals("--help") ? null : args;
  }

  /** Splits like a shell: single and double quotes group, backslash-newline continuations are gone already. */
  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char c : s.toCharArray()) {
      if (quote != 0) {
        if (c == quote) quote = 0;
        else w.append(c);
      } else if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || w.length() > 0) out.add(w.toString());
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
      }
    }
    if (any || w.length() > 0) out.add(w.toString());
    return out;
  }
}
