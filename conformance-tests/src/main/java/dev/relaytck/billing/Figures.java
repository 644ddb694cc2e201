package dev.relaytck.billing;

/** Rounding of the figures a report shows: enough digits for micro-dollar balances, no binary noise. */
final class Figures {
  private Figures() {}

  /** {@code v} with at most 6 significant digits after the leading ones (10 decimals at most). */
  static double round(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) return v;
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).setScale(10, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros().doubleValue();
  }
}
