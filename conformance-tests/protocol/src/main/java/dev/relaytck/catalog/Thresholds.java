package dev.relaytck.catalog;

/**
 * The numbers a check's requirement states and its rule applies, in one place: the catalog
 * renders its text from these constants and the rule judges with the same ones, so the page a
 * relay engineer reads never disagrees with the verdict.
 */
public final class Thresholds {
  /**
   * SSE-080: the replay upstream pauses this long after the stream's first event (not scaled: a
   * span of seconds, so a proxy's write coalescing, some 200 ms, cannot pass for buffering).
   */
  public static final long SSE_080_PAUSE_MS = 1500;
  /** SSE-080: the share of the pause the client must see between its first and last events. */
  public static final double SSE_080_MIN_SPAN_FRACTION = 0.5;
  /** EP-020: count_tokens may differ from usage.input_tokens by this share... */
  public static final double EP_020_TOKEN_TOLERANCE = 0.05;
  /** EP-020: ...or by this many tokens, whichever is more. */
  public static final long EP_020_TOKEN_SLACK = 10;

  private Thresholds() {}

  /** {@code 0.05} as {@code 5%}. */
  static String percent(double share) {
    return Math.round(share * 100) + "%";
  }
}
