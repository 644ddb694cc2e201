package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;

/**
 * Request fidelity (hermetic only): what the relay forwarded upstream, read from the replay
 * upstream's journal. A relay may replace the client's credential with its own and add
 * forwarding headers (X-Forwarded-*, Via): neither is a failure.
 */
public enum ReqCheck implements Check {
  REQ_010(MUST, "claude-code/llm-gateway#gateway-requirements",
      "the body is forwarded without semantic change",
      "The JSON body the upstream received equals the body the client sent, compared as JSON, except for the model renamed as the declared model map says.",
      "The relay rewrites the request body; forward it unchanged (re-serialising is fine, changing values is not)."),
  REQ_020(MUST, "api/messages",
      "no system prompt is injected or altered",
      "The upstream request's system field equals the client's (absent stays absent).",
      "The relay adds its own system prompt or edits the client's; this changes the model's behaviour and the bill."),
  REQ_030(MUST, "api/messages",
      "messages are forwarded unchanged",
      "The upstream request's messages array equals the client's: same turns, roles, blocks and text.",
      "The relay trims history, merges turns or rewrites content blocks."),
  REQ_040(MUST, "agents-and-tools/tool-use/implement-tool-use#specifying-client-tools",
      "tools and tool_choice are forwarded unchanged",
      "The upstream request's tools and tool_choice equal the client's.",
      "The relay drops, renames or reorders tools or changes tool_choice; tool calls then differ from what the client expects."),
  REQ_050(MUST, "build-with-claude/extended-thinking#how-to-use-extended-thinking",
      "the thinking configuration is forwarded unchanged",
      "The upstream request's thinking object (type, budget_tokens) equals the client's.",
      "The relay strips or caps thinking; the client asked for it and pays for it."),
  REQ_060(MUST, "api/messages",
      "sampling parameters are forwarded unchanged",
      "max_tokens, temperature, top_p, top_k and stop_sequences reach the upstream with the client's values (absent stays absent).",
      "The relay clamps max_tokens or overrides sampling parameters."),
  REQ_070(MUST, "api/messages",
      "metadata is forwarded unchanged",
      "The upstream request's metadata (user_id) equals the client's.",
      "The relay drops or replaces metadata.user_id."),
  REQ_080(MUST, "build-with-claude/prompt-caching#how-to-implement-prompt-caching",
      "cache_control markers are forwarded unchanged",
      "Every cache_control marker of the client's request (system, messages, tools) reaches the upstream at the same place with the same value.",
      "The relay strips or moves cache_control; caching stops working and the bill grows."),
  REQ_090(MUST, "claude-code/llm-gateway#model-selection",
      "the model changes only as the declared map says",
      "The upstream model equals the client's, or the target's declared model map entry for it.",
      "The relay silently substitutes another model; declare the mapping (--model-map) or stop substituting."),
  REQ_100(MUST, "api/beta-headers",
      "the query string is kept (?beta=true)",
      "The upstream request URI has the client's query string (e.g. ?beta=true, sent by the SDKs' beta clients).",
      "The relay drops the query string when it rewrites the URL."),
  REQ_110(MUST, "api/messages",
      "Unicode text arrives byte-exact",
      "Non-ASCII text (accents, CJK, emoji, combining marks) in the client's request reaches the upstream as the same code points (escaping may differ, NFC/NFKC normalisation may not).",
      "The relay re-encodes text (Latin-1, Unicode normalisation, lossy escaping); forward bytes or decode and encode UTF-8 exactly."),
  REQ_120(MUST, "api/errors#request-size-limits",
      "a large body (several MB) is accepted and forwarded",
      "A request of several megabytes (an image in base64) is forwarded whole and answered like the recording, not refused by the relay below Anthropic's documented limit.",
      "Raise the relay's request body limit to at least Anthropic's (32 MB for the Messages API)."),
  REQ_130(MUST, "claude-code/llm-gateway#gateway-requirements",
      "the path is forwarded to the same endpoint",
      "A request to /v1/messages (or /v1/messages/count_tokens) reaches the upstream on the same path.",
      "The relay routes endpoints to the wrong upstream path.");

  private final CheckSpec spec;

  ReqCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
