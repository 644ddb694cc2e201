package dev.relaytck.checks;

import dev.relaytck.catalog.EvtCheck;
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
 * Stream event semantics: one test factory per check of {@link EvtCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Stream event semantics")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class EvtTests {
  /** EVT-010: message_start is the first event and appears once. */
  @TestFactory
  Stream<DynamicTest> evt010(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_010, context);
  }

  /** EVT-020: content blocks are start, deltas, stop with indices contiguous from 0. */
  @TestFactory
  Stream<DynamicTest> evt020(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_020, context);
  }

  /** EVT-030: delta type is consistent with the block type. */
  @TestFactory
  Stream<DynamicTest> evt030(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_030, context);
  }

  /** EVT-040: message_delta carries stop_reason after the last block stops. */
  @TestFactory
  Stream<DynamicTest> evt040(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_040, context);
  }

  /** EVT-050: message_stop is the last event. */
  @TestFactory
  Stream<DynamicTest> evt050(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_050, context);
  }

  /** EVT-060: an error event ends the stream. */
  @TestFactory
  Stream<DynamicTest> evt060(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_060, context);
  }

  /** EVT-070: concatenated input_json_delta parses as JSON. */
  @TestFactory
  Stream<DynamicTest> evt070(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_070, context);
  }

  /** EVT-080: thinking blocks get their signature before they stop. */
  @TestFactory
  Stream<DynamicTest> evt080(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_080, context);
  }

  /** EVT-090: every event's data is valid for its type. */
  @TestFactory
  Stream<DynamicTest> evt090(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_090, context);
  }

  /** EVT-100: the accumulated stream is a valid Message. */
  @TestFactory
  Stream<DynamicTest> evt100(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_100, context);
  }

  /** EVT-110: usage in message_delta is cumulative. */
  @TestFactory
  Stream<DynamicTest> evt110(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_110, context);
  }

  /** EVT-120: unknown event types, fields or values are reported. */
  @TestFactory
  Stream<DynamicTest> evt120(ExtensionContext context) {
    return Suite.tests(EvtCheck.EVT_120, context);
  }
}
