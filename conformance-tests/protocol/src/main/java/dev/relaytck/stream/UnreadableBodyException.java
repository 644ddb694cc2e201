package dev.relaytck.stream;

/** A body that is neither an SSE stream nor JSON (empty, binary, garbage): there is nothing to validate. */
public final class UnreadableBodyException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnreadableBodyException(String message) {
    super(message);
  }
}
