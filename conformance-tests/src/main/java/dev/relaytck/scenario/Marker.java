package dev.relaytck.scenario;

import dev.relaytck.recordings.format.MarkerPlacement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenario marker {@code [[relay-tck:<scenario-id>:<nonce>]]} appended to the text of the
 * last user message of every request the kit authors: the replay upstream selects the
 * recording (and any fault) by scenario id, and the kit finds its request in the journal by
 * nonce. Never a header: relays drop headers. An optional {@code :fault=...} suffix asks the
 * replay upstream to inject a fault into this one request.
 */
public record Marker(String scenario, String nonce, String fault) {
  private static final Pattern FORM = Pattern.compile("\\[\\[relay-tck:([a-z0-9][a-z0-9._-]*):([A-Za-z0-9]+)(?::fault=([^\\]]+))?]]");

  public static Marker fresh(String scenario) {
    return new Marker(scenario, MarkerPlacement.freshNonce(), null);
  }

  /**
   * The same marker asking the replay upstream to inject {@code fault} (its grammar:
   * {@code status=529}, {@code error@3}, {@code close@3}, {@code stall@1=5000}, {@code drip=20}).
   */
  public Marker withFault(String fault) {
    return new Marker(scenario, nonce, fault);
  }

  /** The last marker in {@code text}, if any. */
  public static Optional<Marker> find(String text) {
    if (text == null) return Optional.empty();
    Matcher m = FORM.matcher(text);
    Marker found = null;
    while (m.find()) found = new Marker(m.group(1), m.group(2), m.group(3));
    return Optional.ofNullable(found);
  }

  public String text() {
    return "[[relay-tck:" + scenario + ":" + nonce + (fault == null ? "" : ":fault=" + fault) + "]]";
  }

  @Override
  public String toString() {
    return text();
  }
}
