package dev.relaytck.target;

import java.util.Objects;

/**
 * A credential. Its {@link #toString()} never shows the value, so it cannot reach a log, a
 * report or an exception message by accident; only {@link #reveal()} (used when the header is
 * written) gives it out.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  /** Whether {@code text} contains this secret (for the credential-echo check). */
  public boolean occursIn(String text) {
    return text != null && !value.isEmpty() && text.contains(value);
  }

  @Override
  public String toString() {
    return "***";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
