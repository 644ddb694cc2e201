package dev.relaytck.outcome;

/**
 * Why a skipped check may still count towards certification (docs/contract.md: a skip is tolerated
 * only where the protocol makes the feature optional or the target declared a capability absent).
 */
public enum SkipBasis {
  /** Any other skip (not selected, not applicable to this target, missing precondition): it blocks certification. */
  NONE,
  /** The protocol makes the feature optional (e.g. count_tokens); the skip reason says which feature. */
  OPTIONAL_FEATURE,
  /** The target's configuration declared the capability absent; the skip reason names the declaration. */
  CAPABILITY_ABSENT,
  /**
   * The run is the self-check: the runner started the replay upstream as the target, so no relay
   * stands between the upstream and the client and the checks of a relay's handling of upstream
   * faults have nothing to judge. A fact the runner sets, never something a target declares.
   */
  SELF_CHECK;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public boolean tolerated() {
    return this != NONE;
  }
}
