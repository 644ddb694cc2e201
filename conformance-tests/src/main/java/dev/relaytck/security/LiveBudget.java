package dev.relaytck.security;

import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import java.util.Locale;

/**
 * The cost bound of the live security probes, worked out before any is sent: every request
 * priced at its full {@code max_tokens} of output and at a deliberately high rate (USD 15 per
 * million input and 75 per million output tokens, above any current list price), so the real
 * cost stays below the estimate whatever model the relay serves. A probe set whose estimate
 * exceeds {@code --max-cost-usd} is not sent.
 */
public record LiveBudget(int requests, long inputTokens, long outputTokens) {
  static final double USD_PER_INPUT = 15.0 / 1_000_000;
  static final double USD_PER_OUTPUT = 75.0 / 1_000_000;
  static final double DEFAULT_LIMIT_USD = 0.50;

  public double usd() {
    return inputTokens * USD_PER_INPUT + outputTokens * USD_PER_OUTPUT;
  }

  /** {@code requests} requests of about {@code promptChars} characters and {@code maxTokens} output each. */
  public static LiveBudget of(int requests, int promptChars, int maxTokens) {
    return new LiveBudget(requests, (long) requests * (promptChars / 3 + 400), (long) requests * maxTokens);
  }

  /**
   * The bound of one SEC check's live probes, or empty when it sends none live: the one place
   * the checks and the run's printed estimate take it from.
   */
  public static java.util.Optional<LiveBudget> of(dev.relaytck.catalog.Check check, int concurrency, int calls) {
    if (!(check instanceof dev.relaytck.catalog.SecCheck sec)) return java.util.Optional.empty();
    return java.util.Optional.ofNullable(switch (sec) {
      case SEC_010 -> of(3, 300, LiveProbes.MAX_TOKENS);
      case SEC_020 -> of(2, 200, 50);
      case SEC_030 -> of(concurrency, 120 + 40 * 8 * concurrency, 30);
      case SEC_040 -> of(calls, 300, LiveProbes.MAX_TOKENS);
      case SEC_050 -> of(1, 1200, 100);
      default -> null;
    });
  }

  /** The bound of all the selected SEC checks' live probes, in USD, from the run's settings. */
  public static double totalUsd(java.util.List<dev.relaytck.catalog.Check> selected,
      java.util.function.Function<String, java.util.Optional<String>> settings) {
    int concurrency = settings.apply(EvidenceSettings.CONCURRENCY).map(Integer::parseInt).orElse(SessionIsolation.DEFAULT_CONCURRENCY);
    int calls = settings.apply(EvidenceSettings.CALLS).map(Integer::parseInt).orElse(Endurance.DEFAULT_CALLS);
    return selected.stream().map(c -> of(c, concurrency, calls)).flatMap(java.util.Optional::stream).mapToDouble(LiveBudget::usd).sum();
  }

  public static double limit(RunContext run) {
    return run.setting(EvidenceSettings.MAX_COST_USD).map(Double::parseDouble).orElse(DEFAULT_LIMIT_USD);
  }


  public String describe(RunContext run) {
    return String.format(Locale.ROOT, "%d requests, at most about %d input and %d output tokens, at most %.4f USD (limit --max-cost-usd %.2f)",
        requests, inputTokens, outputTokens, usd(), limit(run));
  }
}
