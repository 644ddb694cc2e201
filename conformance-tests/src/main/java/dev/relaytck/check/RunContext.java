package dev.relaytck.check;

import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.ExchangeCache;
import dev.relaytck.target.ReplayJournal;
import dev.relaytck.target.TargetClient;
import dev.relaytck.target.TargetConfig;
import java.util.Optional;

/** Everything one run shares: the target, its client, the scenarios and the exchange cache. */
public final class RunContext {
  private final TargetConfig config;
  private final TargetClient client;
  private final ScenarioCatalog scenarios;
  private final ExchangeCache cache = new ExchangeCache();
  private final ReplayJournal journal;
  private final java.util.concurrent.ConcurrentMap<String, java.util.List<dev.relaytck.target.JournalEntry>> journalCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The run's settings beyond the target ({@code relaytck.*} keys such as
   * {@code relaytck.reference}, {@code relaytck.samples}, {@code relaytck.price}): read only from
   * what the run was given, never from the process environment.
   */
  private final java.util.function.Function<String, Optional<String>> settings;
  /** Figures the evidence checks publish for the report's {@code metrics} (latency, billing, identity, context, ...). */
  private final java.util.concurrent.ConcurrentMap<String, Object> metrics = new java.util.concurrent.ConcurrentHashMap<>();

  public RunContext(TargetConfig config, ScenarioCatalog scenarios) {
    this(config, scenarios, key -> Optional.empty());
  }

  public RunContext(TargetConfig config, ScenarioCatalog scenarios, java.util.function.Function<String, Optional<String>> settings) {
    this.settings = settings;
    this.config = config;
    // The run's own transport (HTTP version, body limit, trust, proxy) and time budget: never the JVM's defaults.
    this.client = new TargetClient(config, dev.relaytck.target.Transport.from(settings), dev.relaytck.target.RunBudget.from(settings));
    this.scenarios = scenarios;
    this.journal = config.hermetic() ? new ReplayJournal(config.replayUrl(), config.timeouts().connect()) : null;
  }

  private final java.util.Map<dev.relaytck.target.Exchange, dev.relaytck.stream.ValidationReport> streamReports =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /** The protocol core's validation of each streamed exchange, by identity, for this run. */
  java.util.Map<dev.relaytck.target.Exchange, dev.relaytck.stream.ValidationReport> streamReports() {
    return streamReports;
  }

  java.util.concurrent.ConcurrentMap<String, java.util.List<dev.relaytck.target.JournalEntry>> journalCache() {
    return journalCache;
  }

  private final java.util.concurrent.ConcurrentMap<String, java.util.List<String>> exchangesBehind =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Notes the exchanges (cache keys) {@code check} read on {@code scenario}. */
  void noteExchanges(dev.relaytck.catalog.Check check, Scenario scenario, java.util.List<String> keys) {
    if (!keys.isEmpty()) exchangesBehind.put(check.id() + " " + scenario.id(), java.util.List.copyOf(keys));
  }

  /**
   * The cache keys of the exchanges behind the verdict of {@code checkId} on {@code scenarioId},
   * first read first (the scenario's own exchange, then named variants); empty when it read none.
   */
  public java.util.List<String> exchangesBehind(String checkId, String scenarioId) {
    return exchangesBehind.getOrDefault(checkId + " " + scenarioId, java.util.List.of());
  }

  /**
   * Set to {@code true} by the runner only, for the self-check it starts (the embedded replay
   * upstream is both the target and the upstream). Not a target capability: a target cannot
   * declare it, and it counts only while the target really is the replay upstream.
   */
  public static final String SELF_CHECK = "relaytck.selfCheck";

  /**
   * Whether this run is the runner's self-check: the runner said so and the target is the
   * replay upstream itself (same URL), so no relay stands between the upstream and the client.
   */
  public boolean selfCheck() {
    if (!config.hermetic() || !setting(SELF_CHECK).map(Boolean::parseBoolean).orElse(false)) return false;
    return config.baseUrl().toString().replaceAll("/+$", "").equals(config.replayUrl().toString().replaceAll("/+$", ""));
  }

  /** A run setting by its key ({@code relaytck.samples}), blank values treated as absent. */
  public Optional<String> setting(String key) {
    return settings.apply(key).filter(v -> !v.isBlank());
  }

  /** Publishes a figure under {@code metrics.<name>} of the report (a record, map, list or scalar). */
  public void putMetric(String name, Object value) {
    metrics.put(name, value);
  }

  /** The figures published so far, by name. */
  public java.util.Map<String, Object> metrics() {
    return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
  }

  /** The replay upstream's journal, in hermetic mode. */
  public Optional<ReplayJournal> journal() {
    return Optional.ofNullable(journal);
  }

  public TargetConfig config() {
    return config;
  }

  public TargetClient client() {
    return client;
  }

  public ScenarioCatalog scenarios() {
    return scenarios;
  }

  public ExchangeCache cache() {
    return cache;
  }

  public Probe probe(Scenario scenario) {
    return new Probe(this, scenario);
  }

  /**
   * The scenario the one-off probes (credentials, unknown path) piggy-back on: the first
   * successful, non-streaming, fault-free messages scenario.
   */
  public Optional<Scenario> primary() {
    return scenarios.all().stream()
        .filter(s -> s.messages() && !s.streaming() && s.fault() == null && s.recordedStatus() == 200)
        .findFirst();
  }

  private volatile java.util.OptionalDouble pacing;

  /**
   * The time scale of the replay upstream when it is relay-tck's own (it publishes it): only
   * then are its pacing and its fault suffixes known. Empty in live mode or before another upstream.
   */
  public java.util.OptionalDouble replayTimeScale() {
    java.util.OptionalDouble p = pacing;
    if (p == null) {
      p = journal == null ? java.util.OptionalDouble.empty() : journal.timeScale();
      pacing = p;
    }
    return p;
  }
}
