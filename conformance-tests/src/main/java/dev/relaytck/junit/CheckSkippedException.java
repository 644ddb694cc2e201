package dev.relaytck.junit;

import dev.relaytck.outcome.SkipBasis;
import org.opentest4j.TestAbortedException;

/** A check does not apply to a scenario, or is not implemented yet; the reason is reported, never a silent pass. */
public class CheckSkippedException extends TestAbortedException {
  private static final long serialVersionUID = 1L;

  private final SkipBasis basis;

  public CheckSkippedException(String reason) {
    this(reason, SkipBasis.NONE);
  }

  /** A skip with the basis on which certification may tolerate it (data, never read from the reason). */
  public CheckSkippedException(String reason, SkipBasis basis) {
    super(reason);
    this.basis = basis == null ? SkipBasis.NONE : basis;
  }

  public SkipBasis basis() {
    return basis;
  }
}
