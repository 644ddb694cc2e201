package dev.relaytck.checks;

import dev.relaytck.catalog.SdkCheck;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.CheckDisplayNames;
import dev.relaytck.junit.SuiteExtension;
import org.junit.jupiter.api.DisplayName;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Official SDK as a client: one test factory per check of {@link SdkCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Official SDK as a client")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class SdkTests {
  /** SDK-010: the official SDK streams and accumulates a message. */
  @TestFactory
  Stream<DynamicTest> sdk010(ExtensionContext context) {
    return Suite.tests(SdkCheck.SDK_010, context);
  }

  /** SDK-020: the official SDK parses a non-streaming message. */
  @TestFactory
  Stream<DynamicTest> sdk020(ExtensionContext context) {
    return Suite.tests(SdkCheck.SDK_020, context);
  }

  /** SDK-030: the SDK's result equals the recording (hermetic). */
  @TestFactory
  Stream<DynamicTest> sdk030(ExtensionContext context) {
    return Suite.tests(SdkCheck.SDK_030, context);
  }
}
