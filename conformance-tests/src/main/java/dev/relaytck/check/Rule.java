package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.outcome.SkipBasis;
import dev.relaytck.scenario.Scenario;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link CheckEvaluator} from functions: applicability, evaluation and the basis on which its
 * skips are tolerated ({@link Tolerance}).
 */
public record Rule(
    Check check,
    BiFunction<Scenario, RunContext, Optional<String>> applicability,
    Function<Probe, Verdict> evaluation,
    Function<RunContext, SkipBasis> tolerance) implements CheckEvaluator {

  public Rule(Check check, BiFunction<Scenario, RunContext, Optional<String>> applicability, Function<Probe, Verdict> evaluation) {
    this(check, applicability, evaluation, run -> SkipBasis.NONE);
  }

  @Override
  public SkipBasis skipBasis(RunContext run) {
    return tolerance.apply(run);
  }

  @Override
  public Optional<String> notApplicable(Scenario scenario, RunContext run) {
    return applicability.apply(scenario, run);
  }

  @Override
  public Verdict evaluate(Probe probe) {
    return evaluation.apply(probe);
  }
}
