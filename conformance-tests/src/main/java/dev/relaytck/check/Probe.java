package dev.relaytck.check;

import dev.relaytck.scenario.Marker;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.JournalEntry;
import dev.relaytck.target.ReplayJournal;
import java.util.List;
import dev.relaytck.target.TargetConfig;
import java.util.function.UnaryOperator;

/**
 * A check's access to the relay for one scenario: the scenario's exchange, performed on first
 * use and shared through the cache, and named variants of it (another credential, another path).
 */
public final class Probe {
  private final RunContext run;
  private final Scenario scenario;
  /** The cache keys of the exchanges this probe read, in order: the exchanges behind its verdict. */
  private final List<String> touched = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  Probe(RunContext run, Scenario scenario) {
    this.run = run;
    this.scenario = scenario;
  }

  public Scenario scenario() {
    return scenario;
  }

  public TargetConfig config() {
    return run.config();
  }

  public RunContext run() {
    return run;
  }

  /** The scenario's request as the kit sends it, with a fresh marker. */
  public ExchangeRequest request() {
    ExchangeRequest built = ScenarioRequests.build(scenario, run.config(), scenario.freshMarker());
    return run.config().hermetic() ? built : dev.relaytck.live.LiveRequests.shape(scenario, built, run.config(), maxOutputTokens());
  }

  /** The requested model's output limit ({@link EvidenceSettings#MAX_OUTPUT_TOKENS}), when the run knows it. */
  private java.util.OptionalInt maxOutputTokens() {
    return run.setting(EvidenceSettings.MAX_OUTPUT_TOKENS).map(v -> {
      try {
        return java.util.OptionalInt.of(Integer.parseInt(v.trim()));
      } catch (NumberFormatException e) {
        throw new dev.relaytck.target.TargetConfig.ConfigException(EvidenceSettings.MAX_OUTPUT_TOKENS + " must be a whole number, got '" + v + "'");
      }
    }).orElse(java.util.OptionalInt.empty());
  }

  public Exchange exchange() {
    touch(scenario.id());
    return run.cache().get(scenario.id(), () -> run.client().send(scenario.id(), request()));
  }

  /**
   * What the upstream received for {@code exchange} (found by its marker's nonce in the replay
   * journal); empty when nothing reached it. Read once per exchange: the exchange is complete,
   * so the relay has sent all it will send. Hermetic mode only.
   */
  public List<JournalEntry> upstream(Exchange exchange) {
    ReplayJournal journal = run.journal().orElseThrow(() -> new IllegalStateException("the journal needs hermetic mode"));
    return exchange.sentJson().flatMap(ScenarioRequests::markerOf)
        .map(m -> run.journalCache().computeIfAbsent(m.nonce(), journal::forNonce)).orElse(List.of());
  }

  private void touch(String key) {
    synchronized (touched) {
      if (!touched.contains(key)) touched.add(key);
    }
  }

  /** The cache keys of the exchanges read so far, first read first. */
  List<String> touched() {
    synchronized (touched) {
      return List.copyOf(touched);
    }
  }

  /** A variant of the scenario's request, performed once per run under {@code name}. */
  public Exchange variant(String name, UnaryOperator<ExchangeRequest> change) {
    String key = scenario.id() + "#" + name;
    touch(key);
    return run.cache().get(key, () -> run.client().send(key, change.apply(request())));
  }

  /**
   * The scenario's request with the replay upstream asked to inject {@code fault} (the marker's
   * fault suffix), performed once per run; the kit closes the connection after
   * {@code closeAfterBytes} body bytes ({@code Long.MAX_VALUE}: never).
   */
  public Exchange faultVariant(String fault, long closeAfterBytes) {
    String key = scenario.id() + "#fault=" + fault + (closeAfterBytes == Long.MAX_VALUE ? "" : "#close@" + closeAfterBytes);
    touch(key);
    return run.cache().get(key, () -> run.client().send(key,
        ScenarioRequests.build(scenario, run.config(), Marker.fresh(scenario.id()).withFault(fault)), closeAfterBytes));
  }
}
