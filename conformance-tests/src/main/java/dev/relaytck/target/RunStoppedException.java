package dev.relaytck.target;

/**
 * The run stopped sending (its time is up, or the relay stopped answering), so this exchange was
 * not made: whatever depended on it is inconclusive, never passed or failed.
 */
public final class RunStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunStoppedException(String message) {
    super(message);
  }
}
