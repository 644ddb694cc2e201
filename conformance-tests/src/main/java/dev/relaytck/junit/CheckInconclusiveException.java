package dev.relaytck.junit;

import dev.relaytck.check.Verdict;
import org.opentest4j.TestAbortedException;

/**
 * The check could not be judged, and not through the relay's fault (an unasked upstream
 * 429/529, a network failure): reported, never failing the run, blocking certification.
 */
public class CheckInconclusiveException extends TestAbortedException {
  private static final long serialVersionUID = 1L;
  private final transient Verdict verdict;

  public CheckInconclusiveException(String reason, Verdict verdict) {
    super(reason);
    this.verdict = verdict;
  }

  public Verdict verdict() {
    return verdict;
  }
}
