package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/** Error responses. */
public enum ErrCheck implements Check {
  ERR_010(MUST, "api/errors#error-shapes",
      "an error body has Anthropic's error shape",
      "An error response body is {\"type\":\"error\",\"error\":{\"type\":...,\"message\":...}} (request_id optional), with a documented error type.",
      "The relay wraps or rewrites errors (OpenAI {\"error\":{\"code\":...}}, HTML pages, plain text); pass the upstream body through."),
  ERR_020(MUST, "api/errors#http-errors",
      "400 invalid_request_error is preserved",
      "An upstream 400 invalid_request_error reaches the client as 400 with the same error type and message.",
      "The relay rewrites client errors; Claude Code's recovery matches on the upstream wording."),
  ERR_030(MUST, "api/errors#http-errors",
      "401 authentication_error is preserved",
      "An upstream 401 authentication_error reaches the client as 401 with the same error type.",
      "The relay turns upstream auth failures into 500 or 502."),
  ERR_040(MUST, "api/errors#http-errors",
      "403 permission_error is preserved",
      "An upstream 403 permission_error reaches the client as 403 with the same error type.",
      "The relay rewrites permission errors."),
  ERR_050(MUST, "api/errors#http-errors",
      "404 not_found_error is preserved (unknown model)",
      "A request for an unknown model is answered 404 with error type not_found_error.",
      "The relay answers unknown models with 400/500 or silently routes them to a default model."),
  ERR_060(MUST, "api/errors#request-size-limits",
      "413 request_too_large is preserved",
      "An upstream 413 request_too_large reaches the client as 413 with the same error type.",
      "The relay turns 413 into 400 or 500."),
  ERR_070(MUST, "api/errors#http-errors",
      "429 rate_limit_error is preserved",
      "An upstream 429 rate_limit_error reaches the client as 429 with the same error type.",
      "The relay hides rate limits behind 500/503, so clients cannot back off properly."),
  ERR_080(MUST, "api/errors#http-errors",
      "500 api_error is preserved",
      "An upstream 500 api_error reaches the client as 500 with the same error type.",
      "The relay rewrites upstream failures."),
  ERR_090(MUST, "api/errors#http-errors",
      "529 overloaded_error is preserved",
      "An upstream 529 overloaded_error reaches the client as 529 (not 500/502/503) with error type overloaded_error.",
      "The relay maps 529 to a standard status; clients and Claude Code treat overload specially. Keep 529."),
  ERR_100(MUST, "api/errors#error-shapes",
      "no stack trace or internal path leaks",
      "No error body contains a stack trace, exception class name or server file path.",
      "The relay returns its exception to the client; log it and return an Anthropic-shaped error."),
  ERR_110(MUST, "build-with-claude/streaming#error-events",
      "a mid-stream error event is delivered as an SSE error event",
      "When the upstream sends `event: error` mid-stream, the client receives an error event with the same error type, and no message_delta/message_stop is fabricated after it.",
      "The relay swallows error events or ends the stream as if the message completed."),
  ERR_120(SHOULD, "api/errors#request-id",
      "error bodies keep their request_id",
      "When the upstream error body carries request_id, the client's error body carries one too (hermetic).",
      "The relay rebuilds error bodies and drops request_id, which support needs.");

  private final CheckSpec spec;

  ErrCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
