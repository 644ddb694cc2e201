package dev.relaytck.checks;

import dev.relaytck.catalog.ThinkCheck;
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
 * Extended thinking: one test factory per check of {@link ThinkCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Extended thinking")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class ThinkTests {
  /** THINK-010: thinking blocks carry a signature. */
  @TestFactory
  Stream<DynamicTest> think010(ExtensionContext context) {
    return Suite.tests(ThinkCheck.THINK_010, context);
  }

  /** THINK-020: redacted_thinking blocks are passed through. */
  @TestFactory
  Stream<DynamicTest> think020(ExtensionContext context) {
    return Suite.tests(ThinkCheck.THINK_020, context);
  }

  /** THINK-030: a thinking block sent back is accepted and forwarded byte-exact. */
  @TestFactory
  Stream<DynamicTest> think030(ExtensionContext context) {
    return Suite.tests(ThinkCheck.THINK_030, context);
  }

  /** THINK-040: thinking content equals the recording (hermetic). */
  @TestFactory
  Stream<DynamicTest> think040(ExtensionContext context) {
    return Suite.tests(ThinkCheck.THINK_040, context);
  }
}
