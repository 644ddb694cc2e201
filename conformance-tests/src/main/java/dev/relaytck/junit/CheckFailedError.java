package dev.relaytck.junit;

import dev.relaytck.check.Verdict;
import org.opentest4j.AssertionFailedError;

/** A check failed on a scenario: the relay's fault. Carries the verdict (violations, evidence) for the report. */
public class CheckFailedError extends AssertionFailedError {
  private static final long serialVersionUID = 1L;
  private final transient Verdict verdict;

  public CheckFailedError(String message, Verdict verdict) {
    super(message);
    this.verdict = verdict;
  }

  public Verdict verdict() {
    return verdict;
  }
}
