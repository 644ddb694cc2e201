package dev.relaytck.context;

import dev.relaytck.billing.Price;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunCheck.PlannedSend;
import dev.relaytck.check.RunContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Whether the live long-context probes fit the run's budget. Together they send about a million
 * input tokens (some 3 USD at a Sonnet-class price), more than a default live run or a
 * small-balance trial may spend; rather than refuse the whole run, they are left out, each
 * skipped with the figure and the {@code --max-cost-usd} that would run them, when their own
 * cost alone exceeds the limit. When they fit, they run, and the run's estimate (which lists
 * them) still refuses a total above the limit.
 */
public final class ContextBudget {
  /** USD per million input and output tokens assumed without {@code --price}: a Sonnet-class list price. */
  static final double ASSUMED_IN = 3.0;
  static final double ASSUMED_OUT = 15.0;
  static final double DEFAULT_LIMIT_USD = 0.50;

  private ContextBudget() {}

  /**
   * Why the live long-context checks are left out of this run, or empty when they fit.
   *
   * @param plans each CTX check's id and its planned sends
   */
  public static Optional<String> excluded(RunContext run, Map<String, Function<RunContext, List<PlannedSend>>> plans) {
    if (run.config().hermetic()) return Optional.empty();
    Price price = price(run);
    Optional<Pattern> selected = run.setting(dev.relaytck.junit.Suite.CHECKS).map(ContextBudget::globs);
    long in = 0;
    double usd = 0;
    for (var e : plans.entrySet()) {
      if (selected.isPresent() && !selected.get().matcher(e.getKey()).matches()) continue;
      for (PlannedSend p : e.getValue().apply(run)) {
        in += p.repeats() * p.inputTokens();
        usd += p.repeats() * (p.inputTokens() * price.input() + p.outputTokens() * price.output()) / 1_000_000.0;
      }
    }
    double limit = run.setting(EvidenceSettings.MAX_COST_USD).map(Double::parseDouble).orElse(DEFAULT_LIMIT_USD);
    if (usd <= limit) return Optional.empty();
    return Optional.of(String.format(Locale.ROOT, "left out for the budget: the live long-context probes send about %,d input"
        + " tokens, about %.2f USD at %s, more than --max-cost-usd %.2f; run them with --max-cost-usd %.0f or more (narrow with"
        + " --check CTX-0x0), or hermetic (--replay URL)", in, usd,
        run.setting(EvidenceSettings.PRICE).isPresent() ? "--price" : "an assumed " + ASSUMED_IN + "/" + ASSUMED_OUT + " USD per million tokens",
        limit, Math.ceil(usd)));
  }

  private static Price price(RunContext run) {
    try {
      double rate = run.setting(EvidenceSettings.CURRENCY_RATE).map(Double::parseDouble).orElse(1.0);
      return run.setting(EvidenceSettings.PRICE).map(p -> Price.parse(p, rate)).orElse(Price.of(ASSUMED_IN, ASSUMED_OUT));
    } catch (IllegalArgumentException e) {
      return Price.of(ASSUMED_IN, ASSUMED_OUT);
    }
  }

  /** {@code --check} patterns (globs such as CTX-*) as one expression. */
  private static Pattern globs(String list) {
    StringBuilder re = new StringBuilder();
    for (String g : list.split(",")) {
      if (g.isBlank()) continue;
      if (re.length() > 0) re.append('|');
      re.append(Pattern.quote(g.trim()).replace("*", "\\E.*\\Q"));
    }
    return Pattern.compile(re.length() == 0 ? ".*" : re.toString());
  }
}
