package dev.relaytck.checks;

import dev.relaytck.catalog.CcCheck;
import dev.relaytck.junit.CheckDisplayNames;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.SuiteExtension;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Claude Code (profile claude-code; CC-130 in endurance): one test factory per check of
 * {@link CcCheck}, each a container named from the check ID, with one test per scenario the check
 * applies to. Runs only against a configured target.
 */
@DisplayName("Claude Code")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class CcTests {
  /** CC-010: anthropic-beta and anthropic-version reach the upstream verbatim. */
  @TestFactory
  Stream<DynamicTest> cc010(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_010, context);
  }

  /** CC-020: Claude Code's own headers reach the upstream. */
  @TestFactory
  Stream<DynamicTest> cc020(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_020, context);
  }

  /** CC-030: POST /v1/messages?beta=true keeps its path and query. */
  @TestFactory
  Stream<DynamicTest> cc030(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_030, context);
  }

  /** CC-040: system blocks reach the upstream first, separate and unaltered. */
  @TestFactory
  Stream<DynamicTest> cc040(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_040, context);
  }

  /** CC-050: every body field of a Claude Code request reaches the upstream verbatim. */
  @TestFactory
  Stream<DynamicTest> cc050(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_050, context);
  }

  /** CC-060: a Claude Code stream reaches the client event by event. */
  @TestFactory
  Stream<DynamicTest> cc060(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_060, context);
  }

  /** CC-070: count_tokens?beta=true is served. */
  @TestFactory
  Stream<DynamicTest> cc070(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_070, context);
  }

  /** CC-080: a served count_tokens answers input_tokens. */
  @TestFactory
  Stream<DynamicTest> cc080(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_080, context);
  }

  /** CC-090: GET /v1/models?limit=1000 answers without redirect, with claude ids. */
  @TestFactory
  Stream<DynamicTest> cc090(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_090, context);
  }

  /** CC-100: a HEAD probe is answered. */
  @TestFactory
  Stream<DynamicTest> cc100(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_100, context);
  }

  /** CC-110: a small non-streaming background request keeps its own model. */
  @TestFactory
  Stream<DynamicTest> cc110(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_110, context);
  }

  /** CC-120: error bodies reach Claude Code unmodified. */
  @TestFactory
  Stream<DynamicTest> cc120(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_120, context);
  }

  /** CC-130: a stall shorter than Claude Code's stream watchdog does not cut the stream. */
  @TestFactory
  Stream<DynamicTest> cc130(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_130, context);
  }

  /** CC-140: a scripted Claude Code session completes through the relay. */
  @TestFactory
  Stream<DynamicTest> cc140(ExtensionContext context) {
    return Suite.tests(CcCheck.CC_140, context);
  }
}
