package dev.relaytck.trial;

/**
 * One request of the Claude Code CLI as the trial's {@link MeteringProxy} saw it pass to the relay:
 * which task sent it, the status and error type that came back, time to the first byte and to the
 * first content delta (TTFT), and the usage the relay reported, by kind.
 *
 * @param ttftMs time to the first {@code content_block_delta}, or -1 when none arrived (an error, JSON)
 * @param errorType the {@code error.type} of an error answer (or of an {@code event: error}), else null
 */
public record MeteredRequest(String task, String method, String path, int status, String errorType, long firstByteMs,
    long ttftMs, long totalMs, long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens,
    double costUsd) {

  public boolean failed() {
    return status >= 400 || errorType != null;
  }
}
