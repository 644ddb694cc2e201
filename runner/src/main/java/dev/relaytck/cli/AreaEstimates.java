package dev.relaytck.cli;

import dev.relaytck.catalog.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the evidence areas' own live requests may cost, beyond the scenarios of
 * {@link RequestPlan}: each area bounds its probes (at a high price, every answer at its full
 * {@code max_tokens}), and the run reserves the sum from the same {@code --max-cost-usd}. One line
 * per area that sends requests of its own.
 */
final class AreaEstimates {
  private AreaEstimates() {}

  /** USD by area name, only the areas that would send anything; empty for hermetic runs. */
  static Map<String, Double> of(List<Check> selected, Function<String, Optional<String>> settings, boolean live) {
    Map<String, Double> usd = new LinkedHashMap<>();
    if (!live) return usd;
    put(usd, "security", dev.relaytck.security.LiveBudget.totalUsd(selected, settings));
    return usd;
  }

  private static void put(Map<String, Double> usd, String area, double value) {
    if (value > 0) usd.put(area, value);
  }

  static double total(Map<String, Double> usd) {
    return usd.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
