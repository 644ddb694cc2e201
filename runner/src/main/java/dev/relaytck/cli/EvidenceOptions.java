package dev.relaytck.cli;

import dev.relaytck.check.EvidenceSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of the evidence areas (docs/contract.md, "Evidence about the relay"): identity,
 * billing, timing and security. They travel to the suite as {@link EvidenceSettings} keys,
 * like every other setting, so a provider's build can set the same keys.
 */
final class EvidenceOptions {
  @Option(names = "--reference", paramLabel = "DIR", description = "A reference recorded with 'record --profile identity' to compare the relay with.")
  String reference;

  @Option(names = "--samples", paramLabel = "N", description = "Samples per identity probe (default: 10).")
  Integer samples;

  @Option(names = "--concurrency", paramLabel = "N", description = "Parallel requests for timing and isolation checks (default: 8).")
  Integer concurrency;

  @Option(names = "--price", paramLabel = "in=X,out=Y[,cache_write=W,cache_read=R]",
      description = "The relay's advertised price per million tokens (USD, or another currency with --currency-rate).")
  String price;

  @Option(names = "--currency-rate", paramLabel = "R", description = "USD per unit of the currency --price is given in.")
  Double currencyRate;

  @Option(names = "--balance", paramLabel = "new-api|one-api|openai|URL#/pointer[*scale]",
      description = "How to read the relay's balance before and after the run.")
  String balance;

  @Option(names = "--balance-token", paramLabel = "T", defaultValue = "${env:RELAYTCK_BALANCE_TOKEN}",
      description = "Credential of the balance API when it is not the API key (never written; default $RELAYTCK_BALANCE_TOKEN).")
  String balanceToken;

  @Option(names = "--balance-header", paramLabel = "K:V", description = "Extra header for the balance API (repeatable).")
  List<String> balanceHeaders;

  @Option(names = "--billing-tolerance", paramLabel = "F", description = "Accepted relative difference of charged and expected cost (default: 0.02).")
  Double billingTolerance;

  @Option(names = "--billing-settle-ms", paramLabel = "N",
      description = "How long after the billing audit's requests the balance is read once more, for relays that book late (default: 5000).")
  Long billingSettleMs;

  @Option(names = "--baseline", paramLabel = "URL", description = "The official API, sent the same requests directly for comparison.")
  String baseline;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (reported, so a run can be reproduced).")
  Long seed;

  @Option(names = "--alpha", paramLabel = "A", description = "Significance level of the statistical tests (default: 0.01).")
  Double alpha;

  @Option(names = "--models", paramLabel = "A,B|all", description = "Models to examine one by one (all: every Claude model the relay lists).")
  String models;

  @Option(names = "--expect-channel", paramLabel = "anthropic|bedrock|vertex", description = "The backend the relay claims to use.")
  String expectChannel;

  @Option(names = "--max-overhead-ms", paramLabel = "N", description = "PERF-020: the largest acceptable p50 relay overhead (default: 50).")
  Double maxOverheadMs;

  @Option(names = "--context-window", paramLabel = "N", description = "CTX-040 live: the model's context window in tokens"
      + " (default: max_input_tokens of GET /v1/models, else 200000).")
  Long contextWindow;

  @Option(names = "--calls", paramLabel = "N", description = "Requests of the endurance profile (default: 60).")
  Integer calls;

  /**
   * Takes the billing options from {@code --config} where the command line did not give them
   * (flags win). The balance API's credential never comes from the file itself:
   * {@code balance-token-env} names the environment variable that holds it (RunConfigFile refuses
   * {@code balance-token}); without either, {@code $RELAYTCK_BALANCE_TOKEN} as for the flag.
   */
  void billingDefaultsFrom(RunConfigFile file, java.util.function.Predicate<String> given, Map<String, String> env) {
    if (price == null) price = file.pairs("price", '=').map(EvidenceOptions::priceSpec).orElse(null);
    if (currencyRate == null) currencyRate = file.number("currency-rate").orElse(null);
    if (balance == null) balance = file.text("balance").orElse(null);
    if (balanceHeaders == null) {
      balanceHeaders = file.pairs("balance-header", ':').map(m -> m.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList())
          .orElse(null);
    }
    if (billingTolerance == null) billingTolerance = file.number("billing-tolerance").orElse(null);
    if (billingSettleMs == null) billingSettleMs = file.number("billing-settle-ms").map(Double::longValue).orElse(null);
    if (!given.test("--balance-token")) {
      Optional<String> name = file.text("balance-token-env");
      if (name.isPresent()) {
        String v = env.get(name.get());
        if (v == null || v.isBlank()) {
          throw new UsageException("--config: balance-token-env names " + name.get() + ", which is not set in the environment");
        }
        balanceToken = v;
      } else if (balanceToken == null) {
        balanceToken = env.get("RELAYTCK_BALANCE_TOKEN");
      }
    }
  }

  /** {@code price: {in: 3, out: 15}} or {@code price: "in=3,out=15"} (read as pairs either way) back to the flag's form. */
  private static String priceSpec(Map<String, String> pairs) {
    return String.join(",", pairs.entrySet().stream().map(e -> e.getKey().trim() + "=" + e.getValue().trim()).toList());
  }

  /** Adds the options that were given to the suite's parameters. */
  void addTo(Map<String, String> parameters) {
    put(parameters, EvidenceSettings.REFERENCE, reference);
    put(parameters, EvidenceSettings.SAMPLES, samples);
    put(parameters, EvidenceSettings.CONCURRENCY, concurrency);
    put(parameters, EvidenceSettings.PRICE, price);
    put(parameters, EvidenceSettings.CURRENCY_RATE, currencyRate);
    put(parameters, EvidenceSettings.BALANCE, balance);
    put(parameters, EvidenceSettings.BALANCE_TOKEN, balanceToken);
    put(parameters, EvidenceSettings.BALANCE_HEADERS, balanceHeaders == null ? null : String.join(",", balanceHeaders));
    put(parameters, EvidenceSettings.BILLING_TOLERANCE, billingTolerance);
    put(parameters, EvidenceSettings.BILLING_SETTLE_MS, billingSettleMs);
    put(parameters, EvidenceSettings.BASELINE, baseline);
    put(parameters, EvidenceSettings.SEED, seed);
    put(parameters, EvidenceSettings.ALPHA, alpha);
    put(parameters, EvidenceSettings.MODELS, models);
    put(parameters, EvidenceSettings.EXPECT_CHANNEL, expectChannel);
    put(parameters, EvidenceSettings.MAX_OVERHEAD_MS, maxOverheadMs);
    put(parameters, EvidenceSettings.CALLS, calls);
    put(parameters, EvidenceSettings.CONTEXT_WINDOW, contextWindow);
  }

  /** The billing options that are malformed, as a usage error (exit 2) before anything is sent. */
  void validateBilling() {
    try {
      if (price != null) dev.relaytck.billing.Price.parse(price, currencyRate == null ? 1 : currencyRate);
      if (balance != null) dev.relaytck.billing.BalanceSource.parse(balance, java.net.URI.create("http://127.0.0.1"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The evidence options' secrets (the balance API's credential and header values), added to {@code others} for the scrubber. */
  List<String> secrets(List<String> others) {
    List<String> all = new java.util.ArrayList<>(others);
    if (balanceToken != null) all.add(balanceToken);
    if (balanceHeaders != null) {
      balanceHeaders.forEach(h -> all.add(h.substring(h.indexOf(':') + 1).trim()));
    }
    return all;
  }

  private static void put(Map<String, String> parameters, String key, Object value) {
    if (value != null) parameters.put(key, value.toString());
  }
}
