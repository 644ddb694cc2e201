package dev.relaytck.checks;

import dev.relaytck.catalog.ReqCheck;
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
 * Request fidelity (hermetic): one test factory per check of {@link ReqCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Request fidelity (hermetic)")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class ReqTests {
  /** REQ-010: the body is forwarded without semantic change. */
  @TestFactory
  Stream<DynamicTest> req010(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_010, context);
  }

  /** REQ-020: no system prompt is injected or altered. */
  @TestFactory
  Stream<DynamicTest> req020(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_020, context);
  }

  /** REQ-030: messages are forwarded unchanged. */
  @TestFactory
  Stream<DynamicTest> req030(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_030, context);
  }

  /** REQ-040: tools and tool_choice are forwarded unchanged. */
  @TestFactory
  Stream<DynamicTest> req040(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_040, context);
  }

  /** REQ-050: the thinking configuration is forwarded unchanged. */
  @TestFactory
  Stream<DynamicTest> req050(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_050, context);
  }

  /** REQ-060: sampling parameters are forwarded unchanged. */
  @TestFactory
  Stream<DynamicTest> req060(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_060, context);
  }

  /** REQ-070: metadata is forwarded unchanged. */
  @TestFactory
  Stream<DynamicTest> req070(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_070, context);
  }

  /** REQ-080: cache_control markers are forwarded unchanged. */
  @TestFactory
  Stream<DynamicTest> req080(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_080, context);
  }

  /** REQ-090: the model changes only as the declared map says. */
  @TestFactory
  Stream<DynamicTest> req090(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_090, context);
  }

  /** REQ-100: the query string is kept (?beta=true). */
  @TestFactory
  Stream<DynamicTest> req100(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_100, context);
  }

  /** REQ-110: Unicode text arrives byte-exact. */
  @TestFactory
  Stream<DynamicTest> req110(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_110, context);
  }

  /** REQ-120: a large body (several MB) is accepted and forwarded. */
  @TestFactory
  Stream<DynamicTest> req120(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_120, context);
  }

  /** REQ-130: the path is forwarded to the same endpoint. */
  @TestFactory
  Stream<DynamicTest> req130(ExtensionContext context) {
    return Suite.tests(ReqCheck.REQ_130, context);
  }
}
