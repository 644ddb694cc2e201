package dev.relaytck.cli;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.TrialCheck;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.trial.TrialEstimate;
import dev.relaytck.trial.TrialPrices;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The trial's part of the run plan (docs/trial.md, "Budget"): the Claude Code requests its tasks
 * will make and their estimated cost, printed with the run's estimate and counted against
 * {@code --max-cost-usd} before anything is sent; what is left of the limit after the kit's own
 * requests becomes the budget the trial's metering proxy holds the CLI to.
 */
final class TrialPlan {
  private TrialPlan() {}

  /** The estimate, when a trial check is selected. */
  static Optional<TrialEstimate> of(List<Check> selected, boolean hermetic, Map<String, String> parameters) {
    if (selected.stream().noneMatch(c -> c instanceof TrialCheck)) return Optional.empty();
    TrialPrices prices = Optional.ofNullable(parameters.get(EvidenceSettings.PRICE))
        .map(p -> TrialPrices.parse(p, Double.parseDouble(parameters.getOrDefault(EvidenceSettings.CURRENCY_RATE, "1"))))
        .orElse(TrialPrices.LIST);
    return Optional.of(TrialEstimate.of(prices, hermetic));
  }

  static double usd(Optional<TrialEstimate> trial) {
    return trial.map(TrialEstimate::usd).orElse(0.0);
  }

  /** Live: what is left of the limit after the kit's own requests becomes the budget the metering proxy holds the CLI to. */
  static void reserveBudget(Optional<TrialEstimate> trial, boolean live, double kitUsd, double maxUsd, Map<String, String> parameters) {
    if (trial.isPresent() && live) {
      parameters.put(EvidenceSettings.TRIAL_BUDGET_USD, Double.toString(Math.max(0, maxUsd - kitUsd)));
    }
  }

  /** Prints the trial's estimate line. */
  static void describe(Optional<TrialEstimate> trial, boolean live, PrintWriter out) {
    if (trial.isEmpty()) return;
    TrialEstimate t = trial.get();
    if (live) {
      out.printf(Locale.ROOT, "  trial:       %d Claude Code requests, about %,d tokens, about %.4f USD; the CLI is stopped when"
          + " the run's limit is reached%n", t.requests(), t.inputTokens() + t.outputTokens(), t.usd());
    } else {
      out.printf(Locale.ROOT, "  trial:       %d Claude Code requests, answered by the replay upstream's scripted model%n", t.requests());
    }
  }

  /** The trial's requests, for {@code --dry-run}. */
  static void listRequests(Optional<TrialEstimate> trial, PrintWriter out) {
    trial.ifPresent(t -> t.lines().forEach(line -> out.println("  " + line)));
  }
}
