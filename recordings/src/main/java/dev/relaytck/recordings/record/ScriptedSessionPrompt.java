package dev.relaytck.recordings.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted coding session as a replay upstream serves it to any Claude Code CLI: the prompt
 * names the sample file by its absolute path, so the upstream learns which file to Read and Edit
 * from the request itself and needs no state shared with whoever started the CLI.
 */
public final class ScriptedSessionPrompt {
  public static final String ORIGINAL = CaptureClaudeCode.ORIGINAL;
  public static final String EDITED = CaptureClaudeCode.EDITED;
  /** The sample file's content before the session; {@link #ORIGINAL} occurs in it once. */
  public static final String SAMPLE = "public class Greeting {\n  public static String greet() {\n    " + ORIGINAL + "\n  }\n}\n";

  private static final String PREFIX = "In ";
  private static final String SUFFIX = ", make greet() return \"hello, relay\" instead of \"hello, world\".";
  private static final Pattern FILE = Pattern.compile(Pattern.quote(PREFIX) + "(/[^\\s,]+\\.java)" + Pattern.quote(SUFFIX));

  private ScriptedSessionPrompt() {}

  /** The prompt to give the CLI; {@code file} must be absolute. */
  public static String prompt(Path file) {
    if (!file.isAbsolute()) throw new IllegalArgumentException("the sample file path must be absolute: " + file);
    return PREFIX + file + SUFFIX;
  }

  /** The sample file a request of the session is about: named in a text block of its first user message. */
  public static Optional<Path> fileIn(JsonNode request) {
    for (JsonNode message : request.path("messages")) {
      if (!"user".equals(message.path("role").asText())) continue;
      JsonNode content = message.path("content");
      if (content.isTextual()) return find(content.asText());
      for (JsonNode block : content) {
        Optional<Path> f = find(block.path("text").asText(""));
        if (f.isPresent()) return f;
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<Path> find(String text) {
    Matcher m = FILE.matcher(text);
    return m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
  }

  /** The script for one request, or empty when the request names no sample file (not the scripted session). */
  public static Optional<CodingSessionScript> scriptFor(com.fasterxml.jackson.databind.ObjectMapper json, JsonNode request) {
    return fileIn(request).map(f -> new CodingSessionScript(json, f, ORIGINAL, EDITED));
  }
}
