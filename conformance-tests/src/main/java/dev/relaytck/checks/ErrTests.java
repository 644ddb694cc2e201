package dev.relaytck.checks;

import dev.relaytck.catalog.ErrCheck;
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
 * Errors: one test factory per check of {@link ErrCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Errors")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class ErrTests {
  /** ERR-010: an error body has Anthropic's error shape. */
  @TestFactory
  Stream<DynamicTest> err010(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_010, context);
  }

  /** ERR-020: 400 invalid_request_error is preserved. */
  @TestFactory
  Stream<DynamicTest> err020(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_020, context);
  }

  /** ERR-030: 401 authentication_error is preserved. */
  @TestFactory
  Stream<DynamicTest> err030(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_030, context);
  }

  /** ERR-040: 403 permission_error is preserved. */
  @TestFactory
  Stream<DynamicTest> err040(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_040, context);
  }

  /** ERR-050: 404 not_found_error is preserved (unknown model). */
  @TestFactory
  Stream<DynamicTest> err050(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_050, context);
  }

  /** ERR-060: 413 request_too_large is preserved. */
  @TestFactory
  Stream<DynamicTest> err060(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_060, context);
  }

  /** ERR-070: 429 rate_limit_error is preserved. */
  @TestFactory
  Stream<DynamicTest> err070(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_070, context);
  }

  /** ERR-080: 500 api_error is preserved. */
  @TestFactory
  Stream<DynamicTest> err080(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_080, context);
  }

  /** ERR-090: 529 overloaded_error is preserved. */
  @TestFactory
  Stream<DynamicTest> err090(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_090, context);
  }

  /** ERR-100: no stack trace or internal path leaks. */
  @TestFactory
  Stream<DynamicTest> err100(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_100, context);
  }

  /** ERR-110: a mid-stream error event is delivered as an SSE error event. */
  @TestFactory
  Stream<DynamicTest> err110(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_110, context);
  }

  /** ERR-120: error bodies keep their request_id. */
  @TestFactory
  Stream<DynamicTest> err120(ExtensionContext context) {
    return Suite.tests(ErrCheck.ERR_120, context);
  }
}
