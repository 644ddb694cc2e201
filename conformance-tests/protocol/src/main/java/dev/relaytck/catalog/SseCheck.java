package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * Stream framing: the bytes of a {@code text/event-stream} response, per the WHATWG "event
 * stream interpretation" rules and Anthropic's streaming documentation.
 */
public enum SseCheck implements Check {
  SSE_010(MUST, "build-with-claude/streaming#event-types",
      "a streaming response has content-type text/event-stream",
      "A response to a request with \"stream\": true has Content-Type text/event-stream.",
      "Do not convert the stream into a JSON body or relabel it; pass the upstream Content-Type through."),
  SSE_020(MUST, "build-with-claude/streaming#event-types",
      "every event has an event: line equal to data.type",
      "Each SSE event carries an `event:` field whose value equals the `type` of its JSON data.",
      "The relay strips or rewrites SSE field lines (OpenAI-style streams have no event: line); pass the stream through byte for byte."),
  SSE_030(MUST, "build-with-claude/streaming#event-types",
      "each data field is exactly one JSON value",
      "The data of every event (multi-line data joined by LF) parses as exactly one JSON object.",
      "The relay splits, merges or corrupts data lines; never re-frame events, forward whole lines."),
  SSE_040(MUST, "build-with-claude/streaming#event-types",
      "no foreign sentinel such as data: [DONE]",
      "The stream contains only Anthropic events: no OpenAI `data: [DONE]` sentinel or other foreign frames.",
      "The relay appends an OpenAI-style terminator; Anthropic streams end with message_stop."),
  SSE_045(SHOULD, "build-with-claude/streaming#ping-events",
      "ping events are preserved",
      "Every ping event the upstream sent reaches the client (hermetic: at least as many as the recording has); a relay may add its own.",
      "The relay filters ping events; Anthropic sends them to keep idle streams alive through proxies and client watchdogs."),
  SSE_050(MUST, "build-with-claude/streaming#event-types",
      "the stream is valid UTF-8",
      "Every byte sequence of the stream is valid UTF-8, including characters split across network chunks.",
      "The relay decodes each network chunk separately and corrupts multibyte characters split across chunks; buffer incomplete sequences or pass bytes through."),
  SSE_055(SHOULD, "build-with-claude/streaming#event-types",
      "no U+FFFD replacement characters introduced",
      "Text deltas contain no U+FFFD replacement character unless the upstream sent one.",
      "A U+FFFD usually means a multibyte character was decoded from a partial chunk; decode with a streaming decoder or pass bytes through."),
  SSE_060(MUST, "build-with-claude/streaming#event-types",
      "the stream ends on an event boundary",
      "The last event is terminated by a blank line; no partial line or stray bytes follow it.",
      "The relay truncates the stream or appends bytes after the last event; flush the complete upstream stream and close."),
  SSE_070(MUST, "build-with-claude/streaming#event-types",
      "the stream ends with message_stop",
      "A successful stream's last event is message_stop (or an error event), after which the response ends.",
      "The relay cuts the stream before message_stop or keeps the connection open after it."),
  SSE_080(MUST, "build-with-claude/streaming#event-types",
      "the stream is delivered incrementally",
      "Events reach the client as the upstream sends them, not once the upstream has finished: when the replay upstream"
          + " pauses " + Thresholds.SSE_080_PAUSE_MS + " ms after the stream's first event, the client sees its first and last"
          + " events at least " + Math.round(Thresholds.SSE_080_PAUSE_MS * Thresholds.SSE_080_MIN_SPAN_FRACTION) + " ms apart"
          + " (hermetic; a proxy's write coalescing of a few hundred ms is latency, PERF's business, not buffering); live, a"
          + " streamed answer of at least 100 output tokens in at least 20 content deltas arrives over at least 100 ms"
          + " (see also claude-code/llm-gateway-protocol#streaming).",
      "The relay buffers the upstream stream and sends it at the end (response buffering, compression or a body"
          + " transformer); flush every event as it arrives. Claude Code's idle watchdog cuts a buffered stream.");

  private final CheckSpec spec;

  SseCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
