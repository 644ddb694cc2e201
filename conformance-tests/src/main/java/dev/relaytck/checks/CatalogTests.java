package dev.relaytck.checks;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.SuiteExtension;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shipped suite, derived from the catalog: one container per check, named
 * {@code [ID] SEVERITY title}, with one test per scenario the check applies to (or one test
 * for a check judged once per run). Adding a check to the catalog and its rule adds it here;
 * nothing is listed by hand. Runs only against a configured target ({@link SuiteExtension}).
 */
@DisplayName("relay-tck conformance suite")
@ExtendWith(SuiteExtension.class)
public class CatalogTests {
  /**
   * The run's configuration, read once: a usage error shows here, by itself, rather than in
   * every check. Also what a provider's {@code @Suite} discovers before any dynamic test
   * exists, so a build without a target reports this test skipped with the reason instead of
   * failing with "no tests discovered".
   */
  @Test
  @DisplayName("relay-tck target configuration")
  void target(ExtensionContext context) {
    Suite.run(context);
  }

  @TestFactory
  @DisplayName("checks")
  Stream<DynamicContainer> checks(ExtensionContext context) {
    return Catalog.all().stream().map(check -> container(check, context));
  }

  private static DynamicContainer container(Check check, ExtensionContext context) {
    return DynamicContainer.dynamicContainer(check.displayName(), Suite.tests(check, context));
  }
}
