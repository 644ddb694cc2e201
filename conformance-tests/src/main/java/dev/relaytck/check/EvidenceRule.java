package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link RunCheck} from two functions: why it cannot run in this run (empty when it can), and
 * its judgement. The run-level counterpart of {@link Rule}.
 */
record EvidenceRule(Check check, Function<RunContext, Optional<String>> applicability, Function<RunContext, Verdict> judgement)
    implements RunCheck {

  @Override
  public Optional<String> notApplicable(RunContext run) {
    return applicability.apply(run);
  }

  @Override
  public Verdict evaluate(RunContext run) {
    return judgement.apply(run);
  }
}
