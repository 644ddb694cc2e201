package dev.relaytck.checks;

import dev.relaytck.catalog.MsgCheck;
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
 * Non-streaming message: one test factory per check of {@link MsgCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Non-streaming message")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class MsgTests {
  /** MSG-010: a non-streaming response is a valid Message. */
  @TestFactory
  Stream<DynamicTest> msg010(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_010, context);
  }

  /** MSG-020: unknown fields, block types or values are reported. */
  @TestFactory
  Stream<DynamicTest> msg020(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_020, context);
  }

  /** MSG-030: id, type and role identify an assistant message. */
  @TestFactory
  Stream<DynamicTest> msg030(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_030, context);
  }

  /** MSG-040: model echoes the requested model (or its declared mapping). */
  @TestFactory
  Stream<DynamicTest> msg040(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_040, context);
  }

  /** MSG-050: stop_reason is right for the scenario. */
  @TestFactory
  Stream<DynamicTest> msg050(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_050, context);
  }

  /** MSG-060: stop_sequence names the sequence that stopped generation. */
  @TestFactory
  Stream<DynamicTest> msg060(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_060, context);
  }

  /** MSG-070: usage carries input and output token counts. */
  @TestFactory
  Stream<DynamicTest> msg070(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_070, context);
  }

  /** MSG-080: usage equals the recording (hermetic). */
  @TestFactory
  Stream<DynamicTest> msg080(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_080, context);
  }

  /** MSG-090: content equals the recording (hermetic). */
  @TestFactory
  Stream<DynamicTest> msg090(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_090, context);
  }

  /** MSG-100: output stays within max_tokens. */
  @TestFactory
  Stream<DynamicTest> msg100(ExtensionContext context) {
    return Suite.tests(MsgCheck.MSG_100, context);
  }
}
