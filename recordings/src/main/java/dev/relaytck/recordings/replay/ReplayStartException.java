package dev.relaytck.recordings.replay;

/** The replay server could not start (a port in use, an address that cannot be bound). */
public final class ReplayStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReplayStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
