package dev.relaytck.security;

import dev.relaytck.billing.ListPrices;
import dev.relaytck.billing.Price;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunCheck;
import dev.relaytck.check.RunContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The bound of the live security probes, worked out before any is sent: every request counted at
 * its full {@code max_tokens} of output. The checks declare it as their
 * {@link RunCheck#plannedSends planned sends}, so the run's printed estimate, {@code --dry-run}
 * and the {@code --max-cost-usd} refusal include it; each check reserves it again before sending
 * (a run outside the command line has no plan), priced by the same list prices as the estimate.
 */
public record LiveBudget(int requests, long inputTokens, long outputTokens, int bytesPerRequest) {
  static final double DEFAULT_LIMIT_USD = 0.50;
  /** Body bytes besides the prompt: model, max_tokens, the tool's schema. */
  static final int ENVELOPE_BYTES = 450;

  /** {@code requests} requests of about {@code promptChars} characters and {@code maxTokens} output each. */
  public static LiveBudget of(int requests, int promptChars, int maxTokens) {
    return new LiveBudget(requests, (long) requests * (promptChars / 3 + 400), (long) requests * maxTokens,
        promptChars + ENVELOPE_BYTES);
  }

  /** The bound of one SEC check's live probes, or empty when it sends none live. */
  public static Optional<LiveBudget> of(dev.relaytck.catalog.Check check, int concurrency, int calls) {
    if (!(check instanceof dev.relaytck.catalog.SecCheck sec)) return Optional.empty();
    return Optional.ofNullable(switch (sec) {
      case SEC_010 -> of(3, 300, LiveProbes.MAX_TOKENS);
      case SEC_020 -> of(2, 200, 50);
      case SEC_030 -> of(concurrency, 120 + 40 * 8 * concurrency, 30);
      case SEC_040 -> of(calls, 300, LiveProbes.MAX_TOKENS);
      case SEC_050 -> of(1, 1200, 100);
      default -> null;
    });
  }

  /** The bound of {@code check}'s live probes with this run's --concurrency and --calls. */
  public static Optional<LiveBudget> of(dev.relaytck.catalog.Check check, RunContext run) {
    return of(check, SessionIsolation.concurrency(run), Endurance.calls(run));
  }

  /** These probes as the run plan lists them: one entry per check, tokens per send. */
  public RunCheck.PlannedSend plannedSend(dev.relaytck.catalog.Check check, RunContext run) {
    return new RunCheck.PlannedSend(check.id(), check.id().toLowerCase(Locale.ROOT) + " probes", "/v1/messages",
        LiveProbes.model(run), bytesPerRequest, requests, inputTokens / requests, outputTokens / requests);
  }

  /**
   * USD at the list price of the run's model ({@code --prices FILE}, else the defaults, which
   * price an unknown family like the dearest): what the run's estimate counts for these probes.
   */
  public double usd(RunContext run) {
    ListPrices prices = ListPrices.defaults();
    Optional<String> file = run.setting(EvidenceSettings.PRICES);
    if (file.isPresent()) {
      try {
        prices = ListPrices.read(Path.of(file.get()));
      } catch (IllegalArgumentException unreadable) {
        // The command line refuses an unreadable --prices before the run; elsewhere the defaults bound it.
      }
    }
    Price p = prices.of(LiveProbes.model(run));
    if (p == null) p = ListPrices.defaults().of(null);
    return (inputTokens * p.input() + outputTokens * p.output()) / 1_000_000;
  }

  public static double limit(RunContext run) {
    return run.setting(EvidenceSettings.MAX_COST_USD).map(Double::parseDouble).orElse(DEFAULT_LIMIT_USD);
  }

  public String describe(RunContext run) {
    return String.format(Locale.ROOT, "%d requests, at most about %d input and %d output tokens, at most %.4f USD (limit --max-cost-usd %.2f)",
        requests, inputTokens, outputTokens, usd(run), limit(run));
  }
}
