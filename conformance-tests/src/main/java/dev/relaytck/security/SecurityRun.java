package dev.relaytck.security;

import dev.relaytck.check.RunContext;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * What the SEC checks of one run share: the figures they publish as {@code metrics.security}
 * and the one canary exchange SEC-050 and SEC-060 both read. Kept beside the run (weakly), so
 * nothing outlives it.
 */
public final class SecurityRun {
  private static final Map<RunContext, SecurityRun> RUNS = new WeakHashMap<>();

  private final RunContext run;
  private final SecurityFigures figures = new SecurityFigures();
  private CanaryPrompt.Sent canary;
  private double reservedUsd;

  private SecurityRun(RunContext run) {
    this.run = run;
  }

  public static SecurityRun of(RunContext run) {
    synchronized (RUNS) {
      return RUNS.computeIfAbsent(run, SecurityRun::new);
    }
  }

  synchronized CanaryPrompt.Sent canary(Supplier<CanaryPrompt.Sent> send) {
    if (canary == null) canary = send.get();
    return canary;
  }

  /**
   * Reserves {@code budget} from the run's {@code --max-cost-usd}, shared by every live SEC
   * check: false (nothing reserved) when the checks' bounds together would exceed it.
   */
  public synchronized boolean reserve(LiveBudget budget) {
    double usd = budget.usd(run);
    if (reservedUsd + usd > LiveBudget.limit(run)) return false;
    reservedUsd += usd;
    return true;
  }

  /** Records a check's figures and findings and republishes {@code metrics.security}. */
  public void publish(String name, Object value, String checkId, java.util.List<Finding> findings) {
    if (name != null) figures.put(name, value);
    if (findings != null) figures.addFindings(checkId, findings);
    run.putMetric("security", figures.snapshot());
  }
}
