package dev.relaytck.recordings.format;

import java.util.Set;

/**
 * Credentials the kit sends on purpose to be refused (AUTH-040's wrong key). They are part of
 * the contract between the suite and the replay upstream: the replay upstream refuses them as
 * the official API refuses a key it never issued, so a relay that passes the client's key
 * through (nginx, BYOK gateways) shows the official 401, and one that accepts any key does not.
 * Fake by construction: no real key has this shape.
 */
public final class ProbeCredentials {
  /** A credential no relay can know; shaped like a real key so a format check does not short-circuit. */
  public static final String WRONG = "sk-ant-api03-relaytck0fake0wrong0credential0" + "x".repeat(40) + "-AA";

  private ProbeCredentials() {}

  /** Every credential the replay upstream refuses whatever else it accepts. */
  public static Set<String> refused() {
    return Set.of(WRONG);
  }
}
