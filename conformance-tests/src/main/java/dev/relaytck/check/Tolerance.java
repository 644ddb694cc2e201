package dev.relaytck.check;

import dev.relaytck.outcome.SkipBasis;
import dev.relaytck.scenario.Scenario;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A condition under which a check is skipped and certification tolerates the skip (docs/contract.md:
 * only where the protocol makes the feature optional and the target declared it absent, or in
 * the self-check, which has no relay). The basis travels as data with the skip; the reason is
 * only its wording.
 */
record Tolerance(SkipBasis basis, Predicate<RunContext> holds, String reason) {

  /** The target declared {@code capability} absent ({@code relaytck.capabilities=-capability}), which the protocol allows. */
  static Tolerance declaredAbsent(String capability, String why) {
    return new Tolerance(SkipBasis.CAPABILITY_ABSENT, run -> run.config().absent().contains(capability),
        "the target declares " + capability + " absent: " + why);
  }

  /**
   * Live only: the target declared {@code capability} absent. Hermetic runs compare with the
   * recording instead, so the declaration changes nothing there.
   */
  static Tolerance declaredAbsentLive(String capability, String why) {
    return new Tolerance(SkipBasis.CAPABILITY_ABSENT,
        run -> !run.config().hermetic() && run.config().absent().contains(capability),
        "the target declares " + capability + " absent: " + why);
  }

  /** The runner's self-check ({@link RunContext#selfCheck()}): the target is the replay upstream itself. */
  static Tolerance selfCheck(String why) {
    return new Tolerance(SkipBasis.SELF_CHECK, RunContext::selfCheck,
        "the target is the replay upstream itself (the runner's self-check): " + why);
  }

  /** {@code rule} skipped first whenever this tolerance holds, its skips carrying this basis. */
  Rule gate(Rule rule) {
    BiFunction<Scenario, RunContext, Optional<String>> first = (s, run) -> holds.test(run) ? Optional.of(reason) : Optional.empty();
    return new Rule(rule.check(), Applies.and(first, rule.applicability()), rule.evaluation(),
        run -> holds.test(run) ? basis : SkipBasis.NONE);
  }
}
