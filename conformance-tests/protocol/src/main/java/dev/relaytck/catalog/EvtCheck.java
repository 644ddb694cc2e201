package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/** Stream event semantics: the grammar of Anthropic's events and what they accumulate to. */
public enum EvtCheck implements Check {
  EVT_010(MUST, "build-with-claude/streaming#event-types",
      "message_start is the first event and appears once",
      "The first event (pings aside) is message_start, and no second message_start follows.",
      "The relay drops, reorders or duplicates message_start; forward events in upstream order."),
  EVT_020(MUST, "build-with-claude/streaming#event-types",
      "content blocks are start, deltas, stop with indices contiguous from 0",
      "Each content block opens with content_block_start, receives deltas, closes with content_block_stop; indices run 0, 1, 2 without gaps, and only one block is open at a time.",
      "The relay drops, duplicates or reorders content block events or renumbers indices."),
  EVT_030(MUST, "build-with-claude/streaming#content-block-delta-types",
      "delta type is consistent with the block type",
      "text_delta and citations_delta go to text blocks, input_json_delta to tool_use and server tool blocks, thinking_delta and signature_delta to thinking blocks.",
      "The relay rewrites deltas or merges blocks; forward content_block_delta events unchanged."),
  EVT_040(MUST, "build-with-claude/streaming#event-types",
      "message_delta carries stop_reason after the last block stops",
      "A message_delta with delta.stop_reason and usage follows the last content_block_stop and precedes message_stop.",
      "The relay drops or moves message_delta, or loses stop_reason/usage from it."),
  EVT_050(MUST, "build-with-claude/streaming#event-types",
      "message_stop is the last event",
      "message_stop appears exactly once, after message_delta, and nothing but the end of the stream follows it.",
      "The relay appends events after message_stop or omits it."),
  EVT_060(MUST, "build-with-claude/streaming#error-events",
      "an error event ends the stream",
      "An `error` event is the last event of the stream and its data has the Anthropic error shape.",
      "The relay continues the stream after an error event or fabricates a normal ending."),
  EVT_070(MUST, "build-with-claude/streaming#input-json-delta",
      "concatenated input_json_delta parses as JSON",
      "For every tool_use block the partial_json strings, concatenated in order, form one valid JSON object.",
      "The relay drops, reorders or rewrites input_json_delta fragments; forward them unchanged and in order."),
  EVT_080(MUST, "build-with-claude/extended-thinking#streaming-thinking",
      "thinking blocks get their signature before they stop",
      "Every thinking block receives a signature_delta before its content_block_stop.",
      "The relay drops signature_delta events; without the signature the next turn is rejected."),
  EVT_090(MUST, "build-with-claude/streaming#event-types",
      "every event's data is valid for its type",
      "The data of each known event type validates against its JSON Schema (required fields, value types).",
      "The relay alters event payloads: compare the failing field with the upstream stream."),
  EVT_100(MUST, "api/messages",
      "the accumulated stream is a valid Message",
      "The message built from message_start plus all deltas validates against the Message schema.",
      "Deltas or the message_start payload were lost or altered in transit."),
  EVT_110(SHOULD, "build-with-claude/streaming#event-types",
      "usage in message_delta is cumulative",
      "usage.output_tokens in message_delta is not lower than in message_start.",
      "The relay recomputes or resets usage counters; pass usage through."),
  EVT_120(INFO, "api/versioning",
      "unknown event types, fields or values are reported",
      "Event types, delta types, block types, fields or enumeration values the kit does not know are reported, never failed: the API adds them often.",
      "Nothing to fix: this lists protocol extensions the kit saw.");

  private final CheckSpec spec;

  EvtCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
