package dev.relaytck.schema;

/** The wire objects of Anthropic's API that have a schema under {@code schemas/anthropic/}. */
public enum WireType {
  MESSAGES_REQUEST,
  MESSAGE,
  /** Any SSE event's data; the schema dispatches on its {@code type}. */
  STREAM_EVENT,
  ERROR,
  COUNT_TOKENS_REQUEST,
  COUNT_TOKENS_RESPONSE,
  MODEL,
  MODEL_LIST
}
