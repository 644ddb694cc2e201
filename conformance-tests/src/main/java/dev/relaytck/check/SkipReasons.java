package dev.relaytck.check;

import dev.relaytck.outcome.SkipBasis;

/**
 * The wording of skips that certification tolerates (DESIGN.md: a skip counts only where the
 * target declared a capability absent, or the protocol makes the feature optional). A skip
 * reaches the collector as a JUnit abort message, so the basis is carried by this one phrase,
 * written and read here only.
 */
public final class SkipReasons {
  private static final String DECLARED = "(capability -";

  private SkipReasons() {}

  /** {@code the target declares relay absent (capability -relay): <why>}. */
  public static String declaredAbsent(String capability, String why) {
    return "the target declares " + capability + " absent " + DECLARED + capability + "): " + why;
  }

  /** Why a skip with this message may still count towards certification. */
  public static SkipBasis basisOf(String message) {
    return message != null && message.contains(DECLARED) ? SkipBasis.CAPABILITY_ABSENT : SkipBasis.NONE;
  }
}
