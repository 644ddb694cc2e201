package dev.relaytck.target;

/**
 * The target could not be reached at all (connection refused, unknown host, connect timeout):
 * an infrastructure outcome (exit 3), never forty failed checks.
 */
public class TargetUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TargetUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
