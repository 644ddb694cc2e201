package dev.relaytck.checks;

import dev.relaytck.catalog.SseCheck;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.TargetConfigured;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stream framing: one test factory per check of {@link SseCheck}, each a container named from the
 * check ID with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Stream framing")
@ExtendWith(TargetConfigured.class)
public class SseTests {
  /** SSE-010: a streaming response has content-type text/event-stream. */
  @TestFactory
  DynamicContainer sse010(ExtensionContext context) {
    return Suite.container(SseCheck.SSE_010, context);
  }

  /** SSE-020: every event has an event: line equal to data.type. */
  @TestFactory
  DynamicContainer sse020(ExtensionContext context) {
    return Suite.container(SseCheck.SSE_020, context);
  }

  /** SSE-030: each data field is exactly one JSON value. */
  @TestFactory
  DynamicContainer sse030(ExtensionContext context) {
    return Suite.container(SseCheck.SSE_030, context);
  }

  /** SSE-040: no foreign sentinel such as data: [DONE]. */
  @TestFactory
  DynamicContainer sse040(ExtensionContext context) {
    return Suite.container(SseCheck.SSE_040, context);
  }

  /** SSE-050: the stream is valid UTF-8. */
  @TestFactory
  DynamicContainer sse050(ExtensionContext context) {
    return Suite.container(SseCheck.SSE_050, context);
  }

  /** SSE-055: no U+FFFD replacement characters introduced. */
  @TestFactory
  DynamicContainer sse055(ExtensionContext context) {
    return Suite.container(SseCheck.SSE_055, context);
  }

  /** SSE-060: the stream ends on an event boundary. */
  @TestFactory
  DynamicContainer sse060(ExtensionContext context) {
    return Suite.container(SseCheck.SSE_060, context);
  }

  /** SSE-070: the stream ends with message_stop. */
  @TestFactory
  DynamicContainer sse070(ExtensionContext context) {
    return Suite.container(SseCheck.SSE_070, context);
  }
}
