package dev.relaytck.checks;

import dev.relaytck.catalog.SdkCheck;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.TargetConfigured;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Official SDK as a client: one test factory per check of {@link SdkCheck}, each a container named from the
 * check ID with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Official SDK as a client")
@ExtendWith(TargetConfigured.class)
public class SdkTests {
  /** SDK-010: the official SDK streams and accumulates a message. */
  @TestFactory
  DynamicContainer sdk010(ExtensionContext context) {
    return Suite.container(SdkCheck.SDK_010, context);
  }

  /** SDK-020: the official SDK parses a non-streaming message. */
  @TestFactory
  DynamicContainer sdk020(ExtensionContext context) {
    return Suite.container(SdkCheck.SDK_020, context);
  }

  /** SDK-030: the SDK's result equals the recording (hermetic). */
  @TestFactory
  DynamicContainer sdk030(ExtensionContext context) {
    return Suite.container(SdkCheck.SDK_030, context);
  }
}
