package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.scenario.Scenario;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A {@link CheckEvaluator} from two functions: applicability and evaluation. */
public record Rule(
    Check check,
    BiFunction<Scenario, RunContext, Optional<String>> applicability,
    Function<Probe, Verdict> evaluation) implements CheckEvaluator {

  @Override
  public Optional<String> notApplicable(Scenario scenario, RunContext run) {
    return applicability.apply(scenario, run);
  }

  @Override
  public Verdict evaluate(Probe probe) {
    return evaluation.apply(probe);
  }
}
