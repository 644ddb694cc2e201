package dev.relaytck.checks;

import dev.relaytck.catalog.HdrCheck;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.TargetConfigured;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Headers: one test factory per check of {@link HdrCheck}, each a container named from the
 * check ID with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Headers")
@ExtendWith(TargetConfigured.class)
public class HdrTests {
  /** HDR-010: anthropic-version is forwarded verbatim. */
  @TestFactory
  DynamicContainer hdr010(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_010, context);
  }

  /** HDR-020: anthropic-beta is forwarded verbatim, every beta intact. */
  @TestFactory
  DynamicContainer hdr020(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_020, context);
  }

  /** HDR-030: responses carry a request-id header. */
  @TestFactory
  DynamicContainer hdr030(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_030, context);
  }

  /** HDR-040: JSON responses have content-type application/json. */
  @TestFactory
  DynamicContainer hdr040(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_040, context);
  }

  /** HDR-050: retry-after is passed through on 429 and 529. */
  @TestFactory
  DynamicContainer hdr050(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_050, context);
  }

  /** HDR-060: x-should-retry is passed through. */
  @TestFactory
  DynamicContainer hdr060(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_060, context);
  }

  /** HDR-070: anthropic-ratelimit-* headers are passed through. */
  @TestFactory
  DynamicContainer hdr070(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_070, context);
  }

  /** HDR-080: gzip only when the client accepted it. */
  @TestFactory
  DynamicContainer hdr080(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_080, context);
  }

  /** HDR-090: the declared Content-Length matches the body. */
  @TestFactory
  DynamicContainer hdr090(ExtensionContext context) {
    return Suite.container(HdrCheck.HDR_090, context);
  }
}
