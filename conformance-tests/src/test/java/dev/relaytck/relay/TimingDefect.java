package dev.relaytck.relay;

/** What the {@link TimingProxy} does wrong, each made to fail one PERF or CTX check. */
public enum TimingDefect {
  /** Waits {@link TimingProxy#FIXED_LATENCY_MS} before forwarding every request (PERF-020). */
  FIXED_LATENCY,
  /** Waits {@link TimingProxy#CONCURRENT_LATENCY_MS} before forwarding when another request is in flight (PERF-040). */
  LATENCY_UNDER_CONCURRENCY,
  /** Sends the first token at once, then holds events and releases them in bursts of {@link TimingProxy#BURST} (PERF-030). */
  COALESCE_EVENTS,
  /** Answers 429 from its own limiter when more than two requests are in flight (PERF-040). */
  DROP_UNDER_CONCURRENCY,
  /** Answers every {@link TimingProxy#FLAKY_EVERY}th request, when it is not a stream, with its own 502 (PERF-050). */
  FLAKY,
  /**
   * Drops the middle third of conversations longer than 20 messages (CTX-020); count_tokens
   * requests pass whole (a relay trims what it bills for, not what is free).
   */
  TRIM_MIDDLE,
  /**
   * Drops the middle third of any text longer than {@link TimingProxy#LONG_TEXT_CHARS} characters
   * in a Messages request, count_tokens passing whole (CTX-050; CTX-010's usage shows it too).
   */
  DROP_DOCUMENT_MIDDLE,
  /** Refuses prompts above 32,000 tokens (bytes / 4) with its own 400 (CTX-040, and what needs more context). */
  CAP_32K,
  /** Refuses the context-1m beta with its own 400 (CTX-030). */
  REJECT_1M_BETA
}
