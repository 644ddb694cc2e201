package dev.relaytck.check;

import dev.relaytck.scenario.Scenario;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** Applicability rules shared by the evaluators, each with the reason a report shows when it does not hold. */
final class Applies {
  private Applies() {}

  static BiFunction<Scenario, RunContext, Optional<String>> when(Predicate<Scenario> p, String otherwise) {
    return (s, run) -> p.test(s) ? Optional.empty() : Optional.of(otherwise);
  }

  static BiFunction<Scenario, RunContext, Optional<String>> hermetic(BiFunction<Scenario, RunContext, Optional<String>> inner) {
    return (s, run) -> run.config().hermetic()
        ? inner.apply(s, run)
        : Optional.of("hermetic only: run with a replay upstream (--replay URL) to compare with the recording");
  }

  static BiFunction<Scenario, RunContext, Optional<String>> primaryOnly() {
    return (s, run) -> run.primary().filter(p -> p.id().equals(s.id())).isPresent()
        ? Optional.empty()
        : Optional.of("probed once, on the primary scenario");
  }

  static BiFunction<Scenario, RunContext, Optional<String>> and(
      BiFunction<Scenario, RunContext, Optional<String>> a, BiFunction<Scenario, RunContext, Optional<String>> b) {
    return (s, run) -> a.apply(s, run).or(() -> b.apply(s, run));
  }

  static boolean successfulMessage(Scenario s) {
    return s.messages() && s.fault() == null && s.recordedStatus() == 200;
  }
}
