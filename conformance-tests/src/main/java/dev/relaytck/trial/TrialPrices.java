package dev.relaytck.trial;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * USD per million tokens by kind, to turn the usage the relay reports into a cost the budget can
 * be held to. From {@code --price in=X,out=Y[,cache_write=W,cache_read=R]} when given (what the
 * relay advertises; {@code --currency-rate} converts), else a Sonnet-class list price (3 / 15 / 3.75 /
 * 0.30), which the estimate names, so the budget is never checked against nothing.
 */
public record TrialPrices(double input, double output, double cacheWrite, double cacheRead, String source) {
  public static final TrialPrices LIST = new TrialPrices(3, 15, 3.75, 0.30, "Sonnet-class list price (pass --price to use the relay's)");

  /** Parses {@code in=X,out=Y[,cache_write=W,cache_read=R]}; {@code rate} converts to USD. */
  public static TrialPrices parse(String spec, double rate) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) throw new IllegalArgumentException("--price: expected key=value, got '" + part + "'");
      try {
        v.put(kv[0].trim().toLowerCase(Locale.ROOT), Double.parseDouble(kv[1].trim()) * rate);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--price: '" + kv[1].trim() + "' is not a number");
      }
    }
    if (!v.containsKey("in") || !v.containsKey("out")) throw new IllegalArgumentException("--price needs in= and out=");
    double in = v.get("in");
    return new TrialPrices(in, v.get("out"), v.getOrDefault("cache_write", in * 1.25), v.getOrDefault("cache_read", in * 0.1),
        "--price " + spec);
  }

  public double cost(long input, long output, long cacheWrite, long cacheRead) {
    return (input * this.input + output * this.output + cacheWrite * this.cacheWrite + cacheRead * this.cacheRead) / 1e6;
  }
}
