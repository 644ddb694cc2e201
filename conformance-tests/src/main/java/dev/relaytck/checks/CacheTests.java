package dev.relaytck.checks;

import dev.relaytck.catalog.CacheCheck;
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
 * Prompt caching: one test factory per check of {@link CacheCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Prompt caching")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class CacheTests {
  /** CACHE-010: cache_control is accepted. */
  @TestFactory
  Stream<DynamicTest> cache010(ExtensionContext context) {
    return Suite.tests(CacheCheck.CACHE_010, context);
  }

  /** CACHE-020: cache token counters are passed through. */
  @TestFactory
  Stream<DynamicTest> cache020(ExtensionContext context) {
    return Suite.tests(CacheCheck.CACHE_020, context);
  }

  /** CACHE-030: the cache_creation breakdown is passed through. */
  @TestFactory
  Stream<DynamicTest> cache030(ExtensionContext context) {
    return Suite.tests(CacheCheck.CACHE_030, context);
  }

  /** CACHE-040: a repeated cacheable prefix is read from the cache (live). */
  @TestFactory
  Stream<DynamicTest> cache040(ExtensionContext context) {
    return Suite.tests(CacheCheck.CACHE_040, context);
  }
}
