package dev.relaytck.junit;

import dev.relaytck.target.TargetConfig;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The shipped suite's extension. Runs the suite only when a target is configured ({@code relaytck.baseUrl} as a
 * configuration parameter, system property, environment variable RELAYTCK_BASE_URL or in the
 * file named by {@code relaytck.config}); otherwise every class is disabled with that reason,
 * so the suite on a class path never fails a build that did not ask for it.
 */
public final class SuiteExtension implements ExecutionCondition, ParameterResolver {
  /** The factories take the ExtensionContext: configuration parameters and the run's shared store. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ExtensionContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    JupiterVersionGuard.require();
    boolean configured = TargetConfig.configured(context::getConfigurationParameter)
        || Optional.ofNullable(System.getenv(TargetConfig.envName(TargetConfig.BASE_URL))).filter(s -> !s.isBlank()).isPresent()
        || context.getConfigurationParameter(TargetConfig.CONFIG_FILE).or(() -> Optional.ofNullable(System.getProperty(TargetConfig.CONFIG_FILE))).isPresent();
    return configured
        ? ConditionEvaluationResult.enabled("target configured")
        : ConditionEvaluationResult.disabled("no target configured: set " + TargetConfig.BASE_URL + " (e.g. -D" + TargetConfig.BASE_URL + "=http://127.0.0.1:8080)");
  }
}
