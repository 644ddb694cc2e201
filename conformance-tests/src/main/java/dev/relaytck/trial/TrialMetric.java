package dev.relaytck.trial;

import dev.relaytck.recordings.trial.TrialTask;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metrics.trial} of report.json: the trial's tasks and the figures over every request the
 * Claude Code CLI made (schemas/kit/report.schema.json documents each field). TTFT percentiles are
 * nearest-rank over the Messages requests that streamed a content delta: a dozen values, where an
 * interpolating estimator would only pretend to more precision.
 */
public record TrialMetric(List<TaskOutcome> tasks, int requests, int errors, double errorRate, Long ttftP50Ms, Long ttftP95Ms,
    long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens, double spentUsd, Double limitUsd,
    boolean budgetReached, String prices) {

  public static TrialMetric of(TrialEngine.Result r, double limitUsd) {
    List<TaskOutcome> tasks = new ArrayList<>();
    for (TrialTask t : TrialTask.values()) {
      if (r.tasks().containsKey(t)) tasks.add(r.tasks().get(t));
    }
    List<MeteredRequest> all = r.requests();
    // The retry task's 529 is injected on purpose: it is not the relay's error.
    // Nor is a request the kit itself refused because the budget was spent.
    int errors = (int) all.stream().filter(MeteredRequest::failed)
        .filter(q -> !(q.task().equals(TrialTask.RETRY.id()) && q.status() == 529))
        .filter(q -> !MeteringProxy.BUDGET_REACHED.equals(q.errorType())).count();
    List<Long> ttft = all.stream().filter(q -> q.ttftMs() >= 0).map(MeteredRequest::ttftMs).sorted().toList();
    return new TrialMetric(tasks, all.size(), errors, all.isEmpty() ? 0 : (double) errors / all.size(),
        percentile(ttft, 50), percentile(ttft, 95),
        all.stream().mapToLong(MeteredRequest::inputTokens).sum(), all.stream().mapToLong(MeteredRequest::outputTokens).sum(),
        all.stream().mapToLong(MeteredRequest::cacheWriteTokens).sum(), all.stream().mapToLong(MeteredRequest::cacheReadTokens).sum(),
        r.spentUsd(), Double.isInfinite(limitUsd) ? null : limitUsd, r.budgetReached(), r.prices());
  }

  /** Nearest-rank percentile of sorted values, null when there are none. */
  static Long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) return null;
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
