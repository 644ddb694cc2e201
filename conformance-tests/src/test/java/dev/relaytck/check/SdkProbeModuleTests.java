package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaytck.catalog.SdkCheck;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The suite alone does not bring the official SDK (its Kotlin and OkHttp): the SDK checks live in
 * the optional module relay-tck-sdk-probe, and without it they are skipped saying what to add.
 */
class SdkProbeModuleTests {
  @Test
  void theSuiteDoesNotDependOnTheSdk() {
    assertThatThrownBy(() -> Class.forName("com.anthropic.client.AnthropicClient")).isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("kotlin.Unit")).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void withoutTheModuleTheSdkChecksSaySoInsteadOfPassing() {
    assertThat(Evaluators.implemented(SdkCheck.SDK_010)).isFalse();
    TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:9").get(k)), Map.of());
    RunContext run = new RunContext(config, ScenarioCatalog.forRun(dev.relaytck.recordings.format.Recordings.bundled()));
    assertThat(Evaluators.of(SdkCheck.SDK_010).notApplicable(run.scenarios().all().get(0), run))
        .hasValueSatisfying(reason -> assertThat(reason).contains("relay-tck-sdk-probe"));
  }
}
