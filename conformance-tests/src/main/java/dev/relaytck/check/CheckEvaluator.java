package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.scenario.Scenario;
import java.util.Optional;

/**
 * How one check is evaluated: to which scenarios it applies and what it finds on one. No
 * JUnit: the suite binding and the runner both call it.
 */
public interface CheckEvaluator {
  Check check();

  /** Why the check does not apply to {@code scenario} in this run (e.g. "hermetic only"), or empty when it applies. */
  Optional<String> notApplicable(Scenario scenario, RunContext run);

  Verdict evaluate(Probe probe);
}
