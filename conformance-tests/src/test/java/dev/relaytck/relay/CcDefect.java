package dev.relaytck.relay;

/**
 * Defects a relay can have that break Claude Code, applied by {@link CcDefectProxy} between the
 * {@link TestRelay} and the upstream. Each is made to fail specific CC checks.
 */
public enum CcDefect {
  /** Forwards only the betas it knows (an allow-list). */
  ALLOW_LIST_BETAS,
  /** Drops {@code ?beta=true}. */
  DROP_BETA_QUERY,
  /** Joins the system blocks into one string. */
  MERGE_SYSTEM,
  /** Forwards only the headers it knows: drops x-app, x-claude-code-session-id, X-Stainless-*. */
  DROP_CLIENT_HEADERS,
  /** Rebuilds the body from the fields it knows: drops context_management and output_config. */
  DROP_UNKNOWN_FIELDS,
  /** Reads the whole upstream stream before answering. */
  BUFFER_STREAM,
  /** Replaces upstream error messages with its own wording. */
  REWRITE_ERROR_WORDING,
  /** Reshapes errors into OpenAI's {"error":{message,type,param,code}}, keeping type and message. */
  OPENAI_ERROR_SHAPE,
  /** Redirects GET /v1/models to another path. */
  REDIRECT_MODELS,
  /** Does not route count_tokens. */
  NO_COUNT_TOKENS,
  /** Answers count_tokens in another shape. */
  COUNT_TOKENS_OTHER_SHAPE,
  /** Routes every request to one main model. */
  REWRITE_HAIKU_MODEL,
  /** Fails HEAD requests. */
  HEAD_FAILS,
  /** Cuts a stream after an idle second and a half. */
  IDLE_TIMEOUT,
  /** Drops input_json_delta fragments that are not JSON on their own (a relay that parses each delta). */
  BREAK_INPUT_JSON_DELTA,
  /** Turns the upstream's 529 overloaded_error into its own 500 api_error (the trial's retry task). */
  REWRITE_OVERLOADED,
  /** Waits {@value CcDefectProxy#SLOW_MS} ms before answering anything (the trial's latency figures). */
  SLOW
}
