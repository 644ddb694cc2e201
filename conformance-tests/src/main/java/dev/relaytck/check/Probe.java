package dev.relaytck.check;

import dev.relaytck.scenario.Marker;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.TargetConfig;
import java.util.function.UnaryOperator;

/**
 * A check's access to the relay for one scenario: the scenario's exchange, performed on first
 * use and shared through the cache, and named variants of it (another credential, another path).
 */
public final class Probe {
  private final RunContext run;
  private final Scenario scenario;

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
    return ScenarioRequests.build(scenario, run.config(), Marker.fresh(scenario.id()));
  }

  public Exchange exchange() {
    return run.cache().get(scenario.id(), () -> run.client().send(scenario.id(), request()));
  }

  /** A variant of the scenario's request, performed once per run under {@code name}. */
  public Exchange variant(String name, UnaryOperator<ExchangeRequest> change) {
    String key = scenario.id() + "#" + name;
    return run.cache().get(key, () -> run.client().send(key, change.apply(request())));
  }
}
