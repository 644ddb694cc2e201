package dev.relaytck.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What in a changed span could make an agent run something the conversation never asked for:
 * a URL, a pipe into a shell or interpreter, a command chained with {@code &&}, {@code ||} or
 * {@code ;}, a command substitution. Only what the conversation does not itself contain counts,
 * so a tool call that repeats a URL the user gave is not reported.
 */
public final class ExecutableAdditions {
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s\"'`<>\\\\]+");
  private static final Pattern PIPE_TO_SHELL = Pattern.compile(
      "\\|\\s*(?:sudo\\s+)?(?:ba|z|k|da|fi)?sh\\b|\\|\\s*(?:python3?|perl|ruby|node|php)\\b");
  private static final Pattern CHAIN = Pattern.compile("(?:&&|\\|\\||;)\\s*[A-Za-z./~$][^\\s;&|\"]*");
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\([^)]*\\)|`[^`]+`");

  private ExecutableAdditions() {}

  /** The executable additions in {@code added} that {@code conversation} does not contain, in words. */
  public static List<String> in(String added, String conversation) {
    Set<String> out = new LinkedHashSet<>();
    String conv = conversation == null ? "" : conversation;
    collect(URL, added, conv, "URL ", out);
    collect(PIPE_TO_SHELL, added, conv, "pipe to a shell ", out);
    collect(CHAIN, added, conv, "chained command ", out);
    collect(SUBSTITUTION, added, conv, "command substitution ", out);
    return new ArrayList<>(out);
  }

  private static void collect(Pattern p, String added, String conversation, String label, Set<String> out) {
    Matcher m = p.matcher(added);
    while (m.find()) {
      String found = m.group();
      if (!conversation.contains(found.strip())) out.add(label + "'" + found.strip() + "'");
    }
  }
}
