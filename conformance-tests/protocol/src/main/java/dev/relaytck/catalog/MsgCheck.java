package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/** Non-streaming message responses. */
public enum MsgCheck implements Check {
  MSG_010(MUST, "api/messages",
      "a non-streaming response is a valid Message",
      "The JSON body of a 200 response to POST /v1/messages validates against the Message schema (id, type \"message\", role \"assistant\", content, model, stop_reason, usage).",
      "The relay reshapes the response (OpenAI choices[], missing usage, renamed fields); pass the upstream body through."),
  MSG_020(INFO, "api/versioning",
      "unknown fields, block types or values are reported",
      "Fields, content block types or enumeration values the kit does not know are reported, never failed.",
      "Nothing to fix: this lists protocol extensions the kit saw."),
  MSG_030(MUST, "api/messages",
      "id, type and role identify an assistant message",
      "The Message has a non-empty string id, type \"message\" and role \"assistant\". The id's prefix (msg_) is not judged here: it is channel evidence (identity area).",
      "The relay drops the id or changes type/role (OpenAI's chat.completion shape); pass the upstream values through."),
  MSG_040(MUST, "api/messages",
      "model echoes the requested model (or its declared mapping)",
      "The response's model equals the model requested, or the target's declared model map entry for it (a dated snapshot of the same alias is accepted in live mode).",
      "The relay answers from another model than the one asked for without declaring it."),
  MSG_050(MUST, "api/messages#response-stop-reason",
      "stop_reason is right for the scenario",
      "stop_reason is end_turn, max_tokens, stop_sequence or tool_use as the scenario makes it (max_tokens when max_tokens was hit, tool_use when a tool was forced).",
      "The relay maps stop reasons (OpenAI stop/length) or loses them."),
  MSG_060(MUST, "api/messages#response-stop-sequence",
      "stop_sequence names the sequence that stopped generation",
      "When stop_reason is stop_sequence, stop_sequence is the matched string from the request's stop_sequences; otherwise it is null.",
      "The relay drops stop_sequence or sets it when no sequence matched."),
  MSG_070(MUST, "api/messages#response-usage",
      "usage carries input and output token counts",
      "usage.input_tokens and usage.output_tokens are present, integers and not negative.",
      "The relay drops or reshapes usage (prompt_tokens/completion_tokens); clients bill from it."),
  MSG_080(MUST, "api/messages#response-usage",
      "usage equals the recording (hermetic)",
      "Every usage counter equals the recorded response's.",
      "The relay recomputes or inflates usage: the bill no longer matches the upstream's."),
  MSG_090(MUST, "api/messages#response-content",
      "content equals the recording (hermetic)",
      "The content blocks equal the recorded response's after normalising ids.",
      "The relay alters, filters or appends content (ads, watermarks, truncation)."),
  MSG_100(SHOULD, "api/messages#body-max-tokens",
      "output stays within max_tokens",
      "usage.output_tokens does not exceed the request's max_tokens.",
      "The relay raises max_tokens upstream; the client pays for tokens it did not ask for."),
  // MSG-110 and MSG-120 judge the usage field as it crosses the wire: is it consistent with the
  // request sent and the text delivered? What a relay bills is the billing area's (BILL-010, BILL-020).
  MSG_110(MUST, "build-with-claude/token-counting",
      "usage.input_tokens is consistent with the request sent",
      "usage.input_tokens plus cache creation and cache read tokens equals the count of the request as the client sent"
          + " it, within 5 % or 3 tokens, whichever is larger: live, what POST /v1/messages/count_tokens answers for the"
          + " same request (model, system, messages, tools); hermetic, what the official API reported for it in the"
          + " recording. This is the wire field's consistency; whether the relay bills what the upstream counted is"
          + " BILL-010's (billing profile).",
      "The prompt the model saw is not the request sent: the relay adds to it (a system prompt, instructions) or answers"
          + " from another model than the one named (another tokenizer counts differently), or it rewrites the counter;"
          + " forward the request unchanged and pass usage through."),
  MSG_120(MUST, "api/messages#response-usage",
      "usage.output_tokens is consistent with the text delivered",
      "For an answer of text blocks only, usage.output_tokens is at most 1.2 times the count of that text plus 10"
          + " tokens: live, the count_tokens of the text; hermetic, the output the official API reported for it in the"
          + " recording. This is the wire field's consistency; whether the relay bills the upstream's output is"
          + " BILL-020's (billing profile).",
      "The usage field claims more output than the answer delivered (a rewritten counter, or text dropped after the"
          + " upstream counted it); pass the upstream's usage and the whole answer through.");

  private final CheckSpec spec;

  MsgCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
