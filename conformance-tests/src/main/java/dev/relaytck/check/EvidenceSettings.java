package dev.relaytck.check;

/**
 * The keys of the evidence options (docs/contract.md, "Evidence about the relay"), as the runner
 * passes them to the suite and a provider's build sets them as JUnit configuration parameters.
 * Read them with {@link RunContext#setting(String)}; each area parses and validates its own.
 */
public final class EvidenceSettings {
  /** {@code --reference DIR}: a reference recorded from the official API with {@code record --profile identity}. */
  public static final String REFERENCE = "relaytck.reference";
  /** {@code --samples N}: samples per identity probe (default 10). */
  public static final String SAMPLES = "relaytck.samples";
  /** {@code --concurrency N}: parallel requests for timing and isolation (default 8). */
  public static final String CONCURRENCY = "relaytck.concurrency";
  /** {@code --price in=X,out=Y[,cache_write=W,cache_read=R]}: the relay's advertised price, per million tokens. */
  public static final String PRICE = "relaytck.price";
  /** {@code --currency-rate R}: USD per unit of the currency {@code --price} is given in. */
  public static final String CURRENCY_RATE = "relaytck.currencyRate";
  /** {@code --balance new-api|one-api|openai|URL#/json/pointer[*scale]}: how to read the relay's balance. */
  public static final String BALANCE = "relaytck.balance";
  /** {@code --balance-token T}: the balance API's credential when it differs from the API key (a secret). */
  public static final String BALANCE_TOKEN = "relaytck.balanceToken";
  /** {@code --balance-header K:V}: extra headers for the balance API (comma-separated pairs). */
  public static final String BALANCE_HEADERS = "relaytck.balanceHeaders";
  /** {@code --billing-tolerance F}: accepted relative difference of charged and expected (default 0.02). */
  public static final String BILLING_TOLERANCE = "relaytck.billingTolerance";
  /** {@code --billing-settle-ms N}: how long after the audit requests the balance is read once more (default 5000). */
  public static final String BILLING_SETTLE_MS = "relaytck.billingSettleMs";
  /** {@code --prices FILE}: the official list prices by model family (BILL-060; the run's estimate reads the same file). */
  public static final String PRICES = "relaytck.prices";
  /** {@code --baseline URL}: the same requests sent directly to the official API, for overhead and identity. */
  public static final String BASELINE = "relaytck.baseline";
  /** {@code --seed N}: the seed of every random choice (paraphrases, permutations), reported. */
  public static final String SEED = "relaytck.seed";
  /** {@code --alpha A}: significance level of the statistical tests (default 0.01). */
  public static final String ALPHA = "relaytck.alpha";
  /** {@code --models A,B|all}: the models to examine one by one. */
  public static final String MODELS = "relaytck.models";
  /** {@code --expect-channel anthropic|bedrock|vertex}: the backend the relay claims. */
  public static final String EXPECT_CHANNEL = "relaytck.expectChannel";
  /** {@code --max-overhead-ms N}: PERF-020's limit on the relay's p50 overhead (default 50). */
  public static final String MAX_OVERHEAD_MS = "relaytck.maxOverheadMs";
  /** {@code --context-window N}: CTX-040's model window in tokens live (default: GET /v1/models, else 200,000). */
  public static final String CONTEXT_WINDOW = "relaytck.contextWindow";
  /** {@code --calls N}: requests of the endurance profile (default 60). */
  public static final String CALLS = "relaytck.calls";
  /** {@code --max-cost-usd X}: the run's budget, which live evidence checks must stay within. */
  public static final String MAX_COST_USD = "relaytck.maxCostUsd";
  /** {@code --max-output-tokens N} (or the requested model's limit from GET /v1/models): live requests keep max_tokens within it. */
  public static final String MAX_OUTPUT_TOKENS = "relaytck.maxOutputTokens";

  /** The share of {@code --max-cost-usd} the runner leaves for the trial's Claude Code requests (live), in USD. */
  public static final String TRIAL_BUDGET_USD = "relaytck.trialBudgetUsd";

  private EvidenceSettings() {}
}
