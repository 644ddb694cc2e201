package dev.relaytck.catalog;

import java.util.Objects;

/**
 * One failed rule, in words a relay engineer can act on: what was expected, what arrived,
 * and where. INFO checks produce violations too (an unknown field): they are reported, never fatal.
 */
public record Violation(Check check, Location location, String message, String expected, String actual) {
  public Violation {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(message, "message");
    location = location == null ? Location.NONE : location;
  }

  public static Violation of(Check check, Location location, String message) {
    return new Violation(check, location, message, null, null);
  }

  public static Violation of(Check check, Location location, String message, Object expected, Object actual) {
    return new Violation(check, location, message, expected == null ? null : String.valueOf(expected),
        actual == null ? null : String.valueOf(actual));
  }

  /** {@code SSE-020 event #3, byte 412: ... (expected X, got Y)}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(check.id());
    String where = location.toString();
    if (!where.isEmpty()) s.append(' ').append(where);
    s.append(": ").append(message);
    if (expected != null || actual != null) {
      s.append(" (expected ").append(expected).append(", got ").append(actual).append(')');
    }
    return s.toString();
  }
}
