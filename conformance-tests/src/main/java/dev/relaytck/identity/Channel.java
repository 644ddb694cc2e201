package dev.relaytck.identity;

import java.util.Locale;

/** The backend whose bytes a response looks like (ID-040, {@code validate --json}). */
public enum Channel {
  ANTHROPIC,
  BEDROCK,
  VERTEX,
  /** Another backend behind a translation: foreign id shapes, unsigned thinking, missing fields. */
  OTHER,
  /** Too few signals to say. */
  UNKNOWN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Channel parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown channel '" + s + "': expected anthropic, bedrock, vertex or other");
    }
  }
}
