package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link RunCheck} from functions: why it cannot run in this run (empty when it can), its
 * judgement, and the requests it will send (for the run's estimate; none by default). The
 * run-level counterpart of {@link Rule}.
 */
record EvidenceRule(Check check, Function<RunContext, Optional<String>> applicability, Function<RunContext, Verdict> judgement,
    Function<RunContext, List<PlannedSend>> planned) implements RunCheck {

  EvidenceRule(Check check, Function<RunContext, Optional<String>> applicability, Function<RunContext, Verdict> judgement) {
    this(check, applicability, judgement, run -> List.of());
  }

  @Override
  public Optional<String> notApplicable(RunContext run) {
    return applicability.apply(run);
  }

  @Override
  public Verdict evaluate(RunContext run) {
    return judgement.apply(run);
  }

  /** Only what it would really send: nothing when it is not applicable to this run. */
  @Override
  public List<PlannedSend> plannedSends(RunContext run) {
    return notApplicable(run).isPresent() ? List.of() : planned.apply(run);
  }
}
