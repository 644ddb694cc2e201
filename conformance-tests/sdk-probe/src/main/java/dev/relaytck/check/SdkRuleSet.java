package dev.relaytck.check;

import java.util.List;

/** Publishes the SDK checks' rules to {@link Evaluators} (ServiceLoader: META-INF/services). */
public final class SdkRuleSet implements RuleSet {
  @Override
  public List<CheckEvaluator> rules() {
    return SdkRules.all();
  }
}
