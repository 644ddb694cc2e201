package dev.relaytck.checks;

import dev.relaytck.catalog.SseCheck;
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
 * Stream framing: one test factory per check of {@link SseCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Stream framing")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class SseTests {
  /** SSE-010: a streaming response has content-type text/event-stream. */
  @TestFactory
  Stream<DynamicTest> sse010(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_010, context);
  }

  /** SSE-020: every event has an event: line equal to data.type. */
  @TestFactory
  Stream<DynamicTest> sse020(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_020, context);
  }

  /** SSE-030: each data field is exactly one JSON value. */
  @TestFactory
  Stream<DynamicTest> sse030(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_030, context);
  }

  /** SSE-040: no foreign sentinel such as data: [DONE]. */
  @TestFactory
  Stream<DynamicTest> sse040(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_040, context);
  }

  /** SSE-050: the stream is valid UTF-8. */
  @TestFactory
  Stream<DynamicTest> sse050(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_050, context);
  }

  /** SSE-055: no U+FFFD replacement characters introduced. */
  @TestFactory
  Stream<DynamicTest> sse055(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_055, context);
  }

  /** SSE-060: the stream ends on an event boundary. */
  @TestFactory
  Stream<DynamicTest> sse060(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_060, context);
  }

  /** SSE-070: the stream ends with message_stop. */
  @TestFactory
  Stream<DynamicTest> sse070(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_070, context);
  }

  /** SSE-080: the stream is delivered incrementally. */
  @TestFactory
  Stream<DynamicTest> sse080(ExtensionContext context) {
    return Suite.tests(SseCheck.SSE_080, context);
  }
}
