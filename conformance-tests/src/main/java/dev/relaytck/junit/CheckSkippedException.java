package dev.relaytck.junit;

import org.opentest4j.TestAbortedException;

/** A check does not apply to a scenario, or is not implemented yet; the reason is reported, never a silent pass. */
public class CheckSkippedException extends TestAbortedException {
  private static final long serialVersionUID = 1L;

  public CheckSkippedException(String reason) {
    super(reason);
  }
}
