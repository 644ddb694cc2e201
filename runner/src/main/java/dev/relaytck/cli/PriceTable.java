package dev.relaytck.cli;

import dev.relaytck.billing.ListPrices;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's estimate prices, USD per million tokens by model family: the official list price
 * table of the billing engine ({@link ListPrices}, which BILL-060 reads too), its defaults or
 * {@code --prices FILE}. The first family word contained in the model name wins, {@code *}
 * matches any model.
 */
record PriceTable(Map<String, Price> families) {
  record Price(double input, double output, double cacheWrite, double cacheRead) {
    static Price of(double input, double output) {
      return of(dev.relaytck.billing.Price.of(input, output));
    }

    static Price of(dev.relaytck.billing.Price p) {
      return new Price(p.input(), p.output(), p.cacheWrite(), p.cacheRead());
    }
  }

  static final String ANY = ListPrices.ANY;

  static PriceTable defaults() {
    return of(ListPrices.defaults());
  }

  static PriceTable read(Path file) {
    try {
      return of(ListPrices.read(file));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static PriceTable of(ListPrices list) {
    Map<String, Price> m = new LinkedHashMap<>();
    list.families().forEach((family, p) -> m.put(family, Price.of(p)));
    return new PriceTable(m);
  }

  /** The price of {@code model}, or {@code null} when no family matches and the table has no {@code *}. */
  Price of(String model) {
    String family = ListPrices.family(families.keySet(), model);
    return family == null ? null : families.get(family);
  }
}
