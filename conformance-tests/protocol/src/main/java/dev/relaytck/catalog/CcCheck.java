package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * Claude Code behind the relay (profile {@code claude-code}): requests with the shape the pinned
 * Claude Code version really sends (docs/claude-code.md) reach the upstream verbatim, the side
 * endpoints it calls are answered, its recovery logic gets the upstream's error wording, and the
 * real CLI completes a scripted session through the relay. The stall check waits on wall-clock
 * time, so it is in the opt-in {@code endurance} profile.
 */
public enum CcCheck implements Check {
  CC_010(MUST, "claude-code", "claude-code/llm-gateway-protocol#request-headers",
      "anthropic-beta and anthropic-version reach the upstream verbatim",
      "The long comma-separated anthropic-beta list and anthropic-version of a Claude Code request reach the upstream unchanged: no value dropped, added, allow-listed or reordered (hermetic).",
      "The relay filters betas through an allow-list or rebuilds the header; forward anthropic-beta byte for byte, new values arrive with every Claude Code release."),
  CC_020(SHOULD, "claude-code", "claude-code/llm-gateway-protocol#request-headers",
      "Claude Code's own headers reach the upstream",
      "x-app, x-claude-code-session-id, anthropic-dangerous-direct-browser-access and the X-Stainless-* headers of a Claude Code request reach the upstream with their values (hermetic).",
      "The relay forwards only the headers it knows; treat anthropic-* and x-claude-code-* headers as an open list."),
  CC_030(MUST, "claude-code", "claude-code/llm-gateway-protocol#api-formats",
      "POST /v1/messages?beta=true keeps its path and query",
      "A Claude Code request to /v1/messages?beta=true reaches the upstream on /v1/messages with the query beta=true (hermetic).",
      "The relay matches the full URL instead of the path, or drops the query; match on the path and forward the query."),
  CC_040(MUST, "claude-code", "claude-code/llm-gateway-protocol#system-prompt-attribution-block",
      "system blocks reach the upstream first, separate and unaltered",
      "The system array of a Claude Code request reaches the upstream as the same array: the attribution block first and unchanged, every block separate, with its cache_control (hermetic).",
      "The relay merges system blocks into one string, reorders them or prepends its own; the API strips the attribution block only when it arrives unchanged as the first separate block."),
  CC_050(MUST, "claude-code", "claude-code/llm-gateway-protocol#feature-pass-through",
      "every body field of a Claude Code request reaches the upstream verbatim",
      "The body reaches the upstream equal as JSON to what was sent (up to the declared model map): tools with defer_loading, thinking, context_management, output_config, metadata.user_id in its JSON-string form, <system-reminder> blocks, role system messages and unknown new fields (hermetic).",
      "The relay rebuilds the body from the fields it knows; forward unknown fields and values as they are."),
  CC_060(MUST, "claude-code", "claude-code/llm-gateway-protocol#streaming",
      "a Claude Code stream reaches the client event by event",
      "The streamed answer to a Claude Code request arrives spread over time as the upstream paces it, not in one piece at the end (hermetic: the replay upstream paces the recorded events).",
      "The relay buffers the whole response before sending it; Claude Code's watchdog then cuts long answers. Flush every event."),
  CC_070(SHOULD, "claude-code", "claude-code/llm-gateway-protocol#api-formats",
      "count_tokens?beta=true is served",
      "POST /v1/messages/count_tokens?beta=true with the body Claude Code's /context sends is not answered 404 or 405.",
      "The relay does not route count_tokens; Claude Code then estimates context locally. Route it to the upstream."),
  CC_080(MUST, "claude-code", "claude-code/llm-gateway-protocol#api-formats",
      "a served count_tokens answers {input_tokens}",
      "When the relay serves count_tokens, it answers 200 with {\"input_tokens\": n}, n a positive integer (hermetic: equal to the upstream's).",
      "The relay answers count_tokens with another shape or counts with another tokenizer; forward the upstream's answer."),
  CC_090(SHOULD, "claude-code", "claude-code/llm-gateway-protocol#model-discovery",
      "GET /v1/models?limit=1000 answers without redirect, with claude ids",
      "GET /v1/models?limit=1000 answers 200 directly (a redirect counts as failure for Claude Code) with data[].id values, at least one starting with claude or anthropic.",
      "The relay redirects the model list or lists ids Claude Code ignores; answer in place with the upstream's ids."),
  CC_100(SHOULD, "claude-code", "claude-code/llm-gateway-protocol#api-formats",
      "a HEAD probe is answered",
      "A HEAD request to the base URL and to /api/hello (Claude Code's startup probe) is answered within the header timeout with a status below 500 (a 401 or 404 is fine).",
      "The relay fails or hangs on HEAD; answer it (any 2xx/4xx)."),
  CC_110(MUST, "claude-code", "claude-code/model-config#environment-variables",
      "a small non-streaming background request keeps its own model",
      "A non-streaming Haiku-class request (Claude Code's background calls, e.g. the quota probe) reaches the upstream with the model it names, not rewritten to another model (hermetic; the declared model map applies).",
      "The relay routes every request to one configured model; keep the requested model or declare the rename with --model-map."),
  CC_120(MUST, "claude-code", "claude-code/llm-gateway-protocol#automatic-retry-and-error-forwarding",
      "error bodies reach Claude Code unmodified",
      "An upstream 400 whose message Claude Code's recovery reads (\"prompt is too long\") reaches the client with the same status and the same body, compared as JSON after normalising the volatile request_id: same error type and message text, no field added or removed (hermetic: the replay upstream answers it).",
      "The relay rewrites or wraps upstream errors; Claude Code compacts and retries only when it sees the upstream's wording. Forward error bodies unchanged."),
  CC_130(MUST, "endurance", "claude-code/env-vars",
      "a stall shorter than Claude Code's stream watchdog does not cut the stream",
      "An upstream pause mid-stream shorter than Claude Code's idle watchdog (300 s, scaled by the time scale) is passed through: the stream completes with message_stop.",
      "The relay's idle or read timeout is shorter than Claude Code's 300 s watchdog; raise it above 300 s or send SSE keep-alive pings."),
  CC_140(MUST, "claude-code", "claude-code/llm-gateway-protocol#api-formats",
      "a scripted Claude Code session completes through the relay",
      "The pinned Claude Code CLI (claude -p --output-format json --permission-mode acceptEdits) runs a read-edit-answer session through the relay in front of the replay upstream: it exits 0, reports success and the file is really edited (hermetic).",
      "Read the CLI's JSON result and the replay journal in the evidence: a broken input_json_delta, a stripped beta or a rewritten error body breaks Claude Code even when each request looks fine.");

  private final CheckSpec spec;

  CcCheck(Severity severity, String profile, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, profile, docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
