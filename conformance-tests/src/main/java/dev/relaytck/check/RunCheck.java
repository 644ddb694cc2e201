package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import java.util.Optional;

/**
 * A check judged once per run from evidence it gathers itself, rather than once per scenario:
 * statistical tests over many samples (model identity), a balance read before and after the
 * run (billing), paired timing comparisons (latency), concurrency and endurance probes
 * (security). It sends its own requests through {@link RunContext#client()} and publishes the
 * figures a report draws with {@link RunContext#putMetric}.
 *
 * <p>Honesty rules (docs/contract.md, "Evidence about the relay"): too little evidence is
 * {@link Verdict#inconclusive}, never a pass; a statistical verdict states its test, sample
 * size, p-value and power in its evidence; a failure says "differs from the reference".
 */
public interface RunCheck {
  Check check();

  /** Why the check cannot run in this run (e.g. "needs --reference DIR"), or empty when it can. */
  Optional<String> notApplicable(RunContext run);

  /** Gathers the evidence and judges it; never throws for anything the relay sent. */
  Verdict evaluate(RunContext run);

  /**
   * The requests this check will send, for the cost estimate and {@code --dry-run}. Sends shared
   * by several checks (one sampling of the identity probes) carry the same {@code key} and are
   * counted once.
   */
  default java.util.List<PlannedSend> plannedSends(RunContext run) {
    return java.util.List.of();
  }

  /** A request (repeated {@code repeats} times) a run check will send, with its token estimate per send. */
  record PlannedSend(String key, String label, String path, String model, int bytes, int repeats, long inputTokens,
      long outputTokens) {}
}
