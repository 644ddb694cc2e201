package dev.relaytck.relay;

/**
 * What the test relay does besides forwarding. The first group are transformations the
 * protocol allows (every check must still pass); the rest are defects, each made to break
 * specific checks.
 */
public enum Behaviour {
  // Allowed transformations.
  SINGLE_BYTE_CHUNKS, CRLF, SSE_COMMENTS, RECASE_AND_ADD_HEADERS, NEW_REQUEST_ID, GZIP_WHEN_ACCEPTED,
  /** Holds stream writes and sends them together every 200 ms (HAProxy's coalescing): latency, not buffering. */
  COALESCE_200MS,
  /** Sends a keep-alive comment line ({@code : keep-alive}) after the stream's last event. */
  TRAILING_COMMENT,
  /** Served under {@code /gw} (base URL {@code http://host:port/gw}); forwards the API path without it. */
  MOUNTED_UNDER_GW,
  /** Served under {@code /api}; forwards the API path without it. */
  MOUNTED_UNDER_API,
  /** Checks no credential itself: forwards the client's own x-api-key / Authorization (nginx, BYOK gateways). */
  PASS_THROUGH_KEY,
  /** Answers a dropped upstream connection by closing the client connection (HAProxy's default). */
  CLOSE_ON_UPSTREAM_FAILURE,
  /** Answers a dropped upstream connection with an HTML 502 page (nginx, Apache, Caddy defaults). */
  HTML_502_ON_UPSTREAM_FAILURE,
  // Authentication defects.
  OPEN_RELAY, ACCEPT_ANY_KEY, NO_BEARER, ECHO_KEY,
  // Header defects.
  STRIP_REQUEST_ID, JSON_AS_TEXT_PLAIN, GZIP_ALWAYS, DROP_RETRY_AFTER, DROP_SHOULD_RETRY, DROP_RATELIMIT,
  // Message body defects.
  RENAME_MODEL, RENAME_TOOL_IDS, RENAME_TOOL, OPENAI_STOP_REASON, DROP_USAGE, INFLATE_USAGE, OPENAI_ID, DROP_STOP_SEQUENCE, APPEND_CONTENT,
  // Stream defects.
  STREAM_AS_TEXT_PLAIN, STRIP_EVENT_LINES, APPEND_DONE, DUPLICATE_MESSAGE_START, DROP_BLOCK_STOP, DROP_MESSAGE_DELTA, CONTINUE_AFTER_ERROR, CORRUPT_UTF8, TRUNCATE_LAST_EVENT, HANG_AFTER_STOP, FABRICATE_STOP, SWALLOW_ERROR_EVENT,
  // Request fidelity defects (what the relay sends upstream).
  INJECT_SYSTEM, REROUTE_PATH, COUNT_TOKENS_OFF_BY_ONE, DROP_BETA, PIN_VERSION, STRIP_QUERY, MANGLE_UNICODE, SWAP_MODEL_UPSTREAM, CLAMP_MAX_TOKENS,
  DROP_CACHE_CONTROL, DROP_THINKING, DROP_METADATA, DROP_TOOL_CHOICE, RETRY_ON_5XX,
  // Error defects.
  REWRITE_529_TO_500, ERRORS_AS_502, OPENAI_ERROR_BODY, LEAK_STACK_TRACE, UNKNOWN_PATH_HTML,
  // Timing and fault-handling defects (proven on the paced replay upstream).
  /** Reads the whole upstream stream, then sends it. */
  BUFFER_STREAM,
  /** Answers 200 with an empty body when its upstream call fails. */
  EMPTY_200_ON_UPSTREAM_FAILURE,
  /** Keeps reading the upstream stream to its end after the client left. */
  DRAIN_AFTER_CLIENT_LEFT,
  /** Cuts the stream when the upstream sends nothing for {@link TestRelay#SHORT_IDLE_MS}. */
  SHORT_IDLE_TIMEOUT,
  // Endpoint, framing and size defects.
  /** Answers count_tokens with its own tokenizer's count (three times the upstream's). */
  COUNT_TOKENS_ESTIMATED,
  /** Answers GET /v1/models in OpenAI's {object: list} shape. */
  MODELS_OPENAI_SHAPE,
  /** Does not route GET /v1/models/{id}. */
  MODELS_NO_ID_ROUTE,
  /** Re-serialises count_tokens answers but declares a longer Content-Length than it sends. */
  STALE_CONTENT_LENGTH,
  /** Refuses request bodies over 1 MB with 413 (a proxy's default body limit). */
  BODY_LIMIT_1MB,
  /** Sends messages to a cheaper model ({@link TestRelay#CHEAPER_MODEL}) and puts the requested name back in the answer. */
  SWAP_MODEL_QUIETLY,
  /** Decodes each upstream read as UTF-8 on its own and re-encodes it: characters split across reads become U+FFFD. */
  PER_READ_DECODING,
  /** Filters ping events out of the stream. */
  DROP_PING,
  /** Keeps the client's stream open, silent, after its upstream dropped mid-stream. */
  HANG_ON_UPSTREAM_DROP,
  /** Answers 429 rate_limit_error to every request itself, forwarding nothing. */
  OWN_429,
  /** Asks its upstream for a 429 (the marker's fault suffix): an upstream 429 the kit did not ask for. */
  UPSTREAM_429
}
