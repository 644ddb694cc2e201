package dev.relaytck.checks;

import dev.relaytck.catalog.EpCheck;
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
 * Other endpoints: one test factory per check of {@link EpCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Other endpoints")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class EpTests {
  /** EP-010: POST /v1/messages/count_tokens answers input_tokens. */
  @TestFactory
  Stream<DynamicTest> ep010(ExtensionContext context) {
    return Suite.tests(EpCheck.EP_010, context);
  }

  /** EP-020: count_tokens agrees with usage.input_tokens. */
  @TestFactory
  Stream<DynamicTest> ep020(ExtensionContext context) {
    return Suite.tests(EpCheck.EP_020, context);
  }

  /** EP-030: GET /v1/models lists models in Anthropic's shape. */
  @TestFactory
  Stream<DynamicTest> ep030(ExtensionContext context) {
    return Suite.tests(EpCheck.EP_030, context);
  }

  /** EP-040: GET /v1/models/{id} returns that model. */
  @TestFactory
  Stream<DynamicTest> ep040(ExtensionContext context) {
    return Suite.tests(EpCheck.EP_040, context);
  }

  /** EP-050: an unknown path gives an Anthropic-shaped 404. */
  @TestFactory
  Stream<DynamicTest> ep050(ExtensionContext context) {
    return Suite.tests(EpCheck.EP_050, context);
  }
}
