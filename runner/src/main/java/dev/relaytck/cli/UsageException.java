package dev.relaytck.cli;

/** Bad options, a bad configuration or waivers file: exit 2 with one clear line, never a stack trace. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
