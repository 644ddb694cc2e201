package dev.relaytck.checks;

import dev.relaytck.catalog.ToolCheck;
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
 * Tool use: one test factory per check of {@link ToolCheck}, each a container named from the
 * check ID, with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Tool use")
@DisplayNameGeneration(CheckDisplayNames.class)
@ExtendWith(SuiteExtension.class)
public class ToolTests {
  /** TOOL-010: tool_choice auto is honoured. */
  @TestFactory
  Stream<DynamicTest> tool010(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_010, context);
  }

  /** TOOL-020: tool_choice any makes the model call a tool. */
  @TestFactory
  Stream<DynamicTest> tool020(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_020, context);
  }

  /** TOOL-030: tool_choice tool calls the named tool. */
  @TestFactory
  Stream<DynamicTest> tool030(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_030, context);
  }

  /** TOOL-040: tool_choice none produces no tool call. */
  @TestFactory
  Stream<DynamicTest> tool040(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_040, context);
  }

  /** TOOL-050: parallel tool calls arrive intact. */
  @TestFactory
  Stream<DynamicTest> tool050(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_050, context);
  }

  /** TOOL-060: tool input validates against the tool's input_schema. */
  @TestFactory
  Stream<DynamicTest> tool060(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_060, context);
  }

  /** TOOL-070: a tool_result turn is accepted. */
  @TestFactory
  Stream<DynamicTest> tool070(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_070, context);
  }

  /** TOOL-080: tool_use ids are kept intact. */
  @TestFactory
  Stream<DynamicTest> tool080(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_080, context);
  }

  /** TOOL-090: server tool blocks are passed through. */
  @TestFactory
  Stream<DynamicTest> tool090(ExtensionContext context) {
    return Suite.tests(ToolCheck.TOOL_090, context);
  }
}
