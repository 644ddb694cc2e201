package dev.relaytck.recordings.format;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of the scenario marker, {@code [[relay-tck:<scenario-id>:<nonce>[:fault=<fault>]]]},
 * read in one place by both the replay upstream and the suite, so that neither accepts a marker
 * the other would not.
 *
 * @param fault the fault suffix as written ({@link FaultSpec} parses it), or {@code null}
 */
public record MarkerText(String scenario, String nonce, String fault) {
  private static final Pattern FORM = Pattern.compile(
      "\\[\\[relay-tck:([a-z0-9][a-z0-9._-]*):([A-Za-z0-9_-]+)(?::fault=([^\\]\\s]+))?]]");

  /** The last marker in {@code text}, if any: the last one wins when a conversation repeats them. */
  public static Optional<MarkerText> last(String text) {
    if (text == null) return Optional.empty();
    Matcher m = FORM.matcher(text);
    MarkerText found = null;
    while (m.find()) found = new MarkerText(m.group(1), m.group(2), m.group(3));
    return Optional.ofNullable(found);
  }
}
