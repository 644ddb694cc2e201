package dev.relaytck.trial;

import dev.relaytck.recordings.trial.TrialTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the trial's Claude Code tasks will cost live, estimated before anything is sent. Each
 * main-loop request of Claude Code 2.1.330 is about 50 kB of JSON (system prompt and tool
 * definitions, docs/claude-code.md), about {@value #TOKENS_PER_REQUEST} tokens at four bytes per
 * token; every request is priced as uncached input (caching only lowers the real cost), plus
 * {@value #OUTPUT_PER_REQUEST} output tokens per request and the ~60k-token ledger once.
 */
public record TrialEstimate(int requests, long inputTokens, long outputTokens, double usd, List<String> lines) {
  static final long TOKENS_PER_REQUEST = 13_000;
  static final long OUTPUT_PER_REQUEST = 500;
  static final long LEDGER_TOKENS = 62_000;

  /** Requests each task makes when it goes as planned (the tool calls it needs, plus the final answer). */
  static int requestsOf(TrialTask task) {
    return switch (task) {
      case QA, LONG_CONTEXT, CONTINUE -> 1;
      case READING, RETRY -> 2;
      case EDIT -> 3;
    };
  }

  public static TrialEstimate of(TrialPrices prices, boolean hermetic) {
    int requests = 0;
    long input = 0;
    List<String> lines = new ArrayList<>();
    for (TrialTask task : TrialTask.values()) {
      if (task == TrialTask.RETRY && !hermetic) continue;
      int n = requestsOf(task);
      long in = n * TOKENS_PER_REQUEST + (task == TrialTask.LONG_CONTEXT ? LEDGER_TOKENS : 0);
      requests += n;
      input += in;
      lines.add(String.format(Locale.ROOT, "claude -p (trial task %s): %d request(s), about %,d input tokens", task.id(), n, in));
    }
    long output = requests * OUTPUT_PER_REQUEST;
    return new TrialEstimate(requests, input, output, hermetic ? 0 : prices.cost(input, output, 0, 0), List.copyOf(lines));
  }
}
