package dev.relaytck.report;

import java.util.List;

/** The one-line verdict every rendering leads with, from a report's exit code and certified profiles. */
public record Verdict(Kind kind, String headline, List<String> certified) {
  public enum Kind { CERTIFIED, PASSED_NOT_CERTIFIED, FAILED, KIT_ERROR }

  public static Verdict of(Report report) {
    List<String> certified = report.certified();
    if (report.exitCode() == ExitStatus.FAILED || "failed".equals(report.verdict())) {
      return new Verdict(Kind.FAILED, "FAILED", certified);
    }
    if (report.exitCode() == ExitStatus.KIT_ERROR || "error".equals(report.verdict())) {
      return new Verdict(Kind.KIT_ERROR, "ERROR: the kit itself failed", certified);
    }
    if (!certified.isEmpty()) {
      return new Verdict(Kind.CERTIFIED, "CERTIFIED: " + String.join(", ", certified), certified);
    }
    return new Verdict(Kind.PASSED_NOT_CERTIFIED, "PASSED, NOT CERTIFIED", certified);
  }

  /** {@code certified: core, claude-code} or {@code certified: none}: the console's closing line. */
  public String certificationLine() {
    return "certified: " + (certified.isEmpty() ? "none" : String.join(", ", certified));
  }
}
