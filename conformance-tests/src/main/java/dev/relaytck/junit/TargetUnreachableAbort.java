package dev.relaytck.junit;

/** The target could not be reached at all: an infrastructure outcome (exit 3) rather than a failed check. */
public class TargetUnreachableAbort extends CheckInconclusiveException {
  private static final long serialVersionUID = 1L;

  public TargetUnreachableAbort(String reason) {
    super(reason, null);
  }
}
