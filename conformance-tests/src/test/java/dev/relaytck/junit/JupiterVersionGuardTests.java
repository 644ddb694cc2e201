package dev.relaytck.junit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class JupiterVersionGuardTests {
  @Test
  void theJupiterOfThisBuildIsRecentEnough() {
    assertThatCode(JupiterVersionGuard::require).doesNotThrowAnyException();
  }

  @Test
  void anOlderJupiterFailsWithOneLineNamingTheVersionNeeded() {
    assertThatThrownBy(() -> JupiterVersionGuard.require("org.junit.jupiter.api.extension.NotInThisVersion", "5.10.2"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("relay-tck's suite needs JUnit Jupiter 5.13 or newer (found 5.10.2): import org.junit:junit-bom 5.13.0"
            + " or later in the build that runs it");
  }
}
