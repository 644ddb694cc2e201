package dev.relaytck.report;

import java.util.Locale;

/** Elapsed nanoseconds as seconds with one decimal, for progress lines. */
final class Elapsed {
  private Elapsed() {}

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", Math.max(0, nanos) / 1e9);
  }
}
