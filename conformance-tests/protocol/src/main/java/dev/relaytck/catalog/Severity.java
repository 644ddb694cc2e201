package dev.relaytck.catalog;

/** How strongly the documentation requires what a check tests (RFC 2119 wording). */
public enum Severity {
  /** A violation breaks clients; it fails the run and blocks certification. */
  MUST,
  /** A violation degrades clients; it fails the run only with {@code --strict}. */
  SHOULD,
  /** Reported for information (an unknown field, a retry seen upstream); never fails a run. */
  INFO
}
