package dev.relaytck.checks;

import dev.relaytck.catalog.AuthCheck;
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
 * Authentication: one test factory per check of {@link AuthCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Authentication")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class AuthTests {
  /** AUTH-010: an x-api-key credential is accepted. */
  @TestFactory
  Stream<DynamicTest> auth010(ExtensionContext context) {
    return Suite.tests(AuthCheck.AUTH_010, context);
  }

  /** AUTH-020: an Authorization: Bearer credential is accepted. */
  @TestFactory
  Stream<DynamicTest> auth020(ExtensionContext context) {
    return Suite.tests(AuthCheck.AUTH_020, context);
  }

  /** AUTH-030: a request without credentials gets 401 authentication_error. */
  @TestFactory
  Stream<DynamicTest> auth030(ExtensionContext context) {
    return Suite.tests(AuthCheck.AUTH_030, context);
  }

  /** AUTH-040: a wrong credential gets 401 authentication_error. */
  @TestFactory
  Stream<DynamicTest> auth040(ExtensionContext context) {
    return Suite.tests(AuthCheck.AUTH_040, context);
  }

  /** AUTH-050: no credential is echoed in a response. */
  @TestFactory
  Stream<DynamicTest> auth050(ExtensionContext context) {
    return Suite.tests(AuthCheck.AUTH_050, context);
  }
}
