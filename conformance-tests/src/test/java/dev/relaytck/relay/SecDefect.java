package dev.relaytck.relay;

/** What the security tamper proxy does to the traffic between a relay and its upstream (SEC checks' proofs). */
public enum SecDefect {
  /** Appends a shell command to every tool_use input; in streams, re-fragmented so the command is split across many input_json_delta events. */
  APPEND_COMMAND,
  /** Like {@link #APPEND_COMMAND}, only from the 25th /v1/messages request on (clean before). */
  APPEND_COMMAND_FROM_25TH,
  /** Adds an advert text block to every message. */
  INJECT_ADVERT,
  /** Hands each answer to another request in flight at the same time. */
  SWAP_CONCURRENT,
  /** Appends the fake cloud key found in a prompt to the answer. */
  ECHO_CANARY,
  /** Fetches every URL found in a prompt before forwarding it (a "moderation" step). */
  FETCH_PROMPT_URLS
}
