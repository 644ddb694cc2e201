package dev.relaytck.check;

import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Rules that live in an optional module, found with {@link ServiceLoader}: the SDK checks, whose
 * probe needs the official SDK (and its Kotlin and OkHttp), which a provider's build that depends
 * on the suite alone should not inherit. The runner bundles every such module.
 */
public interface RuleSet {
  /** The evaluators this module provides. */
  List<CheckEvaluator> rules();

  /** Every rule set on the class path. */
  static List<RuleSet> discovered() {
    List<RuleSet> out = new ArrayList<>();
    ServiceLoader.load(RuleSet.class, RuleSet.class.getClassLoader()).forEach(out::add);
    return out;
  }

  /** Why {@code check} has no evaluator when the module that provides it is absent, or empty. */
  static Optional<String> moduleMissing(Check check) {
    return check.spec().area() == Area.SDK
        ? Optional.of("the SDK probe (dev.relaytck:relay-tck-sdk-probe) is not on the class path; add it to run the SDK checks")
        : Optional.empty();
  }
}
