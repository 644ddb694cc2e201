package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/** Tool use: tool_choice, parallel calls, tool inputs, and tool results across turns. */
public enum ToolCheck implements Check {
  TOOL_010(MUST, "agents-and-tools/tool-use/implement-tool-use#forcing-tool-use",
      "tool_choice auto is honoured",
      "With tool_choice auto the response is either text or tool_use blocks naming only tools the request declared (hermetic: the same calls, name and input, as the recording).",
      "The relay drops tools or tool_choice, or calls tools the client never declared."),
  TOOL_020(MUST, "agents-and-tools/tool-use/implement-tool-use#forcing-tool-use",
      "tool_choice any makes the model call a tool",
      "With tool_choice any the response contains at least one tool_use block and stop_reason is tool_use.",
      "The relay drops tool_choice; the model then answers in text."),
  TOOL_030(MUST, "agents-and-tools/tool-use/implement-tool-use#forcing-tool-use",
      "tool_choice tool calls the named tool",
      "With tool_choice {type: tool, name: N} the first tool_use block names N and stop_reason is tool_use.",
      "The relay drops or rewrites tool_choice."),
  TOOL_040(MUST, "agents-and-tools/tool-use/implement-tool-use#forcing-tool-use",
      "tool_choice none produces no tool call",
      "With tool_choice none the response contains no tool_use block.",
      "The relay drops tool_choice none and the model calls a tool anyway."),
  TOOL_050(MUST, "agents-and-tools/tool-use/implement-tool-use#parallel-tool-use",
      "parallel tool calls arrive intact",
      "Every tool_use block of a parallel call arrives with its own id, name and input, in order.",
      "The relay keeps only the first tool call or merges them."),
  TOOL_060(MUST, "agents-and-tools/tool-use/implement-tool-use#specifying-client-tools",
      "tool input validates against the tool's input_schema",
      "Each tool_use input (for streams: the concatenated input_json_delta) is a JSON object valid against the declared tool's input_schema.",
      "The relay corrupts or truncates tool input."),
  TOOL_070(MUST, "agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks",
      "a tool_result turn is accepted",
      "A follow-up request carrying the assistant's tool_use and the user's tool_result is answered with 200 and a valid Message (hermetic: the tool_result blocks reach the upstream unchanged).",
      "The relay rejects or rewrites tool_result blocks (OpenAI role tool conversion)."),
  TOOL_080(MUST, "agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks",
      "tool_use ids are kept intact",
      "tool_use and server_tool_use ids are non-empty strings, unique in the message, equal to the upstream's (hermetic), and the ids of the conversation's history reach the upstream verbatim. The id's prefix is not judged here: it is channel evidence (identity area).",
      "The relay rewrites tool ids (call_...), so the next turn's tool_result no longer matches the upstream's tool_use."),
  TOOL_090(SHOULD, "agents-and-tools/tool-use/overview#server-tools",
      "server tool blocks are passed through",
      "server_tool_use blocks and their *_tool_result blocks (e.g. web_search_tool_result) reach the client unchanged.",
      "The relay filters block types it does not know; pass unknown blocks through.");

  private final CheckSpec spec;

  ToolCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
