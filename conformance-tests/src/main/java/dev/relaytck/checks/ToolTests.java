package dev.relaytck.checks;

import dev.relaytck.catalog.ToolCheck;
import dev.relaytck.junit.Suite;
import dev.relaytck.junit.TargetConfigured;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tool use: one test factory per check of {@link ToolCheck}, each a container named from the
 * check ID with one test per scenario the check applies to. Runs only against a configured target.
 */
@DisplayName("Tool use")
@ExtendWith(TargetConfigured.class)
public class ToolTests {
  /** TOOL-010: tool_choice auto is honoured. */
  @TestFactory
  DynamicContainer tool010(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_010, context);
  }

  /** TOOL-020: tool_choice any makes the model call a tool. */
  @TestFactory
  DynamicContainer tool020(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_020, context);
  }

  /** TOOL-030: tool_choice tool calls the named tool. */
  @TestFactory
  DynamicContainer tool030(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_030, context);
  }

  /** TOOL-040: tool_choice none produces no tool call. */
  @TestFactory
  DynamicContainer tool040(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_040, context);
  }

  /** TOOL-050: parallel tool calls arrive intact. */
  @TestFactory
  DynamicContainer tool050(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_050, context);
  }

  /** TOOL-060: tool input validates against the tool's input_schema. */
  @TestFactory
  DynamicContainer tool060(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_060, context);
  }

  /** TOOL-070: a tool_result turn is accepted. */
  @TestFactory
  DynamicContainer tool070(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_070, context);
  }

  /** TOOL-080: tool_use ids are kept intact. */
  @TestFactory
  DynamicContainer tool080(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_080, context);
  }

  /** TOOL-090: server tool blocks are passed through. */
  @TestFactory
  DynamicContainer tool090(ExtensionContext context) {
    return Suite.container(ToolCheck.TOOL_090, context);
  }
}
