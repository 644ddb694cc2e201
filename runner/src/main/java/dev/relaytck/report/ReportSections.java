package dev.relaytck.report;

import java.util.List;

/** The area sections of report.html and summary.md, in the order they are drawn: one line per area. */
final class ReportSections {
  static final List<ReportSection> ALL = List.of(
      new SecuritySection(),
      new BillingSection(),
      new TrialSection(),
      new LatencySection(),
      new ContextSection(),
      new IdentitySection());

  private ReportSections() {}
}
