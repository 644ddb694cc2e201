package dev.relaytck.checks;

import dev.relaytck.catalog.HdrCheck;
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
 * Headers: one test factory per check of {@link HdrCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Headers")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class HdrTests {
  /** HDR-010: anthropic-version is forwarded verbatim. */
  @TestFactory
  Stream<DynamicTest> hdr010(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_010, context);
  }

  /** HDR-020: anthropic-beta is forwarded verbatim, every beta intact. */
  @TestFactory
  Stream<DynamicTest> hdr020(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_020, context);
  }

  /** HDR-030: responses carry a request-id header. */
  @TestFactory
  Stream<DynamicTest> hdr030(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_030, context);
  }

  /** HDR-040: JSON responses have content-type application/json. */
  @TestFactory
  Stream<DynamicTest> hdr040(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_040, context);
  }

  /** HDR-050: retry-after is passed through on 429 and 529. */
  @TestFactory
  Stream<DynamicTest> hdr050(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_050, context);
  }

  /** HDR-060: x-should-retry is passed through. */
  @TestFactory
  Stream<DynamicTest> hdr060(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_060, context);
  }

  /** HDR-070: anthropic-ratelimit-* headers are passed through. */
  @TestFactory
  Stream<DynamicTest> hdr070(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_070, context);
  }

  /** HDR-080: gzip only when the client accepted it. */
  @TestFactory
  Stream<DynamicTest> hdr080(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_080, context);
  }

  /** HDR-090: the declared Content-Length matches the body. */
  @TestFactory
  Stream<DynamicTest> hdr090(ExtensionContext context) {
    return Suite.tests(HdrCheck.HDR_090, context);
  }
}
