package dev.relaytck.billing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * USD per million tokens of each kind. Cache writes default to 1.25 times and cache reads to
 * 0.1 times the input price, the ratios of Anthropic's list prices (about-claude/pricing).
 */
public record Price(double input, double output, double cacheWrite, double cacheRead) {
  static final double CACHE_WRITE_FACTOR = 1.25;
  static final double CACHE_READ_FACTOR = 0.1;

  public static Price of(double input, double output) {
    return new Price(input, output, input * CACHE_WRITE_FACTOR, input * CACHE_READ_FACTOR);
  }

  /**
   * Parses {@code --price in=X,out=Y[,cache_write=W,cache_read=R]}, given in a currency of which
   * one unit is worth {@code usdPerUnit} USD ({@code --currency-rate}; 1 for USD).
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static Price parse(String spec, double usdPerUnit) {
    if (!(usdPerUnit > 0) || Double.isInfinite(usdPerUnit)) {
      throw new IllegalArgumentException("--currency-rate must be a number > 0 (USD per unit of the price's currency), got " + usdPerUnit);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("--price: '" + p + "' is not key=value (expected in=X,out=Y[,cache_write=W,cache_read=R])");
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
      if (!key.matches("in|out|cache_write|cache_read")) {
        throw new IllegalArgumentException("--price: unknown kind '" + key + "' (known: in, out, cache_write, cache_read)");
      }
      double v;
      try {
        v = Double.parseDouble(p.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--price: " + key + " must be a number, got '" + p.substring(eq + 1).trim() + "'");
      }
      if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("--price: " + key + " must be a number >= 0, got " + v);
      values.put(key, v * usdPerUnit);
    }
    if (!values.containsKey("in") || !values.containsKey("out")) {
      throw new IllegalArgumentException("--price needs at least in=X,out=Y (per million tokens)");
    }
    double in = values.get("in");
    return new Price(in, values.get("out"), values.getOrDefault("cache_write", in * CACHE_WRITE_FACTOR),
        values.getOrDefault("cache_read", in * CACHE_READ_FACTOR));
  }

  /** What {@code tokens} cost at this price, in USD. */
  public double usd(TokenCount tokens) {
    return (tokens.input() * input + tokens.output() * output + tokens.cacheWrite() * cacheWrite
        + tokens.cacheRead() * cacheRead) / 1_000_000.0;
  }

  public Price times(double factor) {
    return new Price(input * factor, output * factor, cacheWrite * factor, cacheRead * factor);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", Figures.round(input));
    m.put("output", Figures.round(output));
    m.put("cacheWrite", Figures.round(cacheWrite));
    m.put("cacheRead", Figures.round(cacheRead));
    return m;
  }
}
