package dev.relaytck.trial;

import java.util.List;

/**
 * The outcome of one trial task, as report.json's {@code trial.tasks[]} carries it.
 *
 * @param status {@code passed}, {@code failed}, {@code skipped} (with the reason) or {@code inconclusive}
 * @param answer an excerpt of what the CLI answered (the model's text, never the user's credential)
 * @param ttftMs time to first content delta of each Messages request of the task, in order
 * @param errors every error answer the CLI received during the task: "status type"
 */
public record TaskOutcome(String id, String status, String reason, long wallMs, int requests, List<Long> ttftMs,
    List<String> errors, long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens, double costUsd,
    String answer) {

  static TaskOutcome skipped(String id, String reason) {
    return new TaskOutcome(id, "skipped", reason, 0, 0, List.of(), List.of(), 0, 0, 0, 0, 0, "");
  }

  public boolean passed() {
    return "passed".equals(status);
  }
}
