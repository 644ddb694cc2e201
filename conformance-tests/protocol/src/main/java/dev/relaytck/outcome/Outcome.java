package dev.relaytck.outcome;

/** The outcome of a check or of one scenario of it; the names are those of report.json. */
public enum Outcome {
  PASSED, FAILED, SKIPPED,
  /** Not the relay's fault: an unasked 429/529 upstream or a network failure. Blocks certification, never fails a run. */
  INCONCLUSIVE,
  /** The kit itself failed. */
  ERROR;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
