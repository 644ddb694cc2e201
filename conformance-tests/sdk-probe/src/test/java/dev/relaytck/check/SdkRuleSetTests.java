package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.SdkCheck;
import org.junit.jupiter.api.Test;

/** With the module on the class path, the SDK checks are found by ServiceLoader and implemented. */
class SdkRuleSetTests {
  @Test
  void theSdkChecksAreDiscovered() {
    for (SdkCheck c : SdkCheck.values()) assertThat(Evaluators.implemented(c)).as(c.id()).isTrue();
  }
}
