package dev.relaytck.report;

import dev.relaytck.catalog.Severity;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.RunResult;

/**
 * The exit code of {@code run}, from the outcome counts and never from JUnit's raw failure
 * count (STYLE.md): 1 when an unwaived MUST check failed (or a SHOULD check with
 * {@code --strict}); otherwise 4 when the kit itself failed on some check; otherwise 0.
 * Inconclusive outcomes and INFO findings never change it: they are reported and block
 * certification instead. The codes are those of {@code dev.relaytck.cli.ExitCodes}.
 */
public final class ExitStatus {
  public static final int PASSED = 0;
  public static final int FAILED = 1;
  public static final int KIT_ERROR = 4;

  private ExitStatus() {}

  public static int of(RunResult run) {
    boolean kitError = false;
    for (CheckResult r : run.checks()) {
      if (r.waived()) continue;
      if (r.outcome() == Outcome.FAILED && counts(r.check().severity(), run.strict())) return FAILED;
      if (r.outcome() == Outcome.ERROR) kitError = true;
    }
    return kitError ? KIT_ERROR : PASSED;
  }

  /** {@code passed}, {@code failed} or {@code error}: report.json's verdict for an exit code. */
  public static String verdict(int exitCode) {
    return switch (exitCode) {
      case PASSED -> "passed";
      case FAILED -> "failed";
      default -> "error";
    };
  }

  static boolean counts(Severity severity, boolean strict) {
    return severity == Severity.MUST || (strict && severity == Severity.SHOULD);
  }
}
