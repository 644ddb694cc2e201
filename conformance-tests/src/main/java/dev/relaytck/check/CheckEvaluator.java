package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.outcome.SkipBasis;
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

  /**
   * On what basis this check's skips in {@code run} count towards certification: a capability
   * the target declared absent, the runner's self-check. Data, never parsed from a reason;
   * {@link SkipBasis#NONE} (the skip blocks certification) unless a rule says otherwise.
   */
  default SkipBasis skipBasis(RunContext run) {
    return SkipBasis.NONE;
  }
}
