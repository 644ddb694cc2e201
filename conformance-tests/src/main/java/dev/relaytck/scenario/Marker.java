package dev.relaytck.scenario;

import dev.relaytck.recordings.format.MarkerPlacement;
import java.util.Optional;

/**
 * The scenario marker {@code [[relay-tck:<scenario-id>:<nonce>]]} appended to the text of the
 * last user message of every request the kit authors: the replay upstream selects the
 * recording (and any fault) by scenario id, and the kit finds its request in the journal by
 * nonce. Never a header: relays drop headers. An optional {@code :fault=...} suffix asks the
 * replay upstream to inject a fault into this one request.
 */
public record Marker(String scenario, String nonce, String fault) {

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
    return dev.relaytck.recordings.format.MarkerText.last(text).map(m -> new Marker(m.scenario(), m.nonce(), m.fault()));
  }

  public String text() {
    return "[[relay-tck:" + scenario + ":" + nonce + (fault == null ? "" : ":fault=" + fault) + "]]";
  }

  @Override
  public String toString() {
    return text();
  }
}
