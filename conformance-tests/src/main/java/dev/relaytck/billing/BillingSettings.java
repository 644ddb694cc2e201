package dev.relaytck.billing;

import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.target.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The billing options of a run, parsed once: the advertised price, the balance source and its
 * credential, the tolerance and the settle delay. A malformed option is kept as a message, so
 * the checks report it instead of failing the kit.
 */
public record BillingSettings(
    Optional<Price> price, Optional<BalanceSource> balance, Secret balanceCredential, Map<String, String> balanceHeaders,
    double tolerance, Duration settle, ListPrices listPrices, String listPriceSource, Optional<String> problem) {

  public static final double DEFAULT_TOLERANCE = 0.02;
  public static final long DEFAULT_SETTLE_MS = 5000;

  public static BillingSettings of(RunContext run) {
    Optional<Price> price = Optional.empty();
    Optional<BalanceSource> balance = Optional.empty();
    ListPrices list = ListPrices.defaults();
    String listSource = ListPrices.DEFAULT_SOURCE;
    double tolerance = DEFAULT_TOLERANCE;
    long settleMs = DEFAULT_SETTLE_MS;
    String problem = null;
    try {
      double rate = run.setting(EvidenceSettings.CURRENCY_RATE).map(v -> number(v, "--currency-rate")).orElse(1.0);
      Optional<String> p = run.setting(EvidenceSettings.PRICE);
      if (p.isPresent()) price = Optional.of(Price.parse(p.get(), rate));
      Optional<String> b = run.setting(EvidenceSettings.BALANCE);
      if (b.isPresent()) balance = Optional.of(BalanceSource.parse(b.get(), run.config().baseUrl()));
      tolerance = run.setting(EvidenceSettings.BILLING_TOLERANCE).map(v -> number(v, "--billing-tolerance")).orElse(DEFAULT_TOLERANCE);
      settleMs = run.setting(EvidenceSettings.BILLING_SETTLE_MS).map(v -> (long) number(v, "--billing-settle-ms")).orElse(DEFAULT_SETTLE_MS);
      Optional<String> file = run.setting(EvidenceSettings.PRICES);
      if (file.isPresent()) {
        list = ListPrices.read(Path.of(file.get()));
        listSource = file.get();
      }
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    Secret credential = run.setting(EvidenceSettings.BALANCE_TOKEN).map(Secret::of).orElse(run.config().secret());
    return new BillingSettings(price, balance, credential, headers(run.setting(EvidenceSettings.BALANCE_HEADERS).orElse("")),
        tolerance, Duration.ofMillis(settleMs), list, listSource, Optional.ofNullable(problem));
  }

  /** {@code K:V} pairs separated by commas or newlines ({@code --balance-header}, repeatable). */
  static Map<String, String> headers(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : spec.split("[,\n]")) {
      int i = pair.indexOf(':');
      if (i > 0) out.put(pair.substring(0, i).trim(), pair.substring(i + 1).trim());
    }
    return out;
  }

  private static double number(String v, String option) {
    try {
      double d = Double.parseDouble(v.trim());
      if (d >= 0 && !Double.isInfinite(d)) return d;
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(option + " must be a number >= 0, got '" + v + "'");
  }

  public BalanceReader reader() {
    return new BalanceReader(balance.orElseThrow(), balanceCredential, balanceHeaders, Duration.ofSeconds(10));
  }
}
