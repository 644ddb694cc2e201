package dev.relaytck.report;

/**
 * A section of the human-readable reports drawn from one area's figures in
 * {@code report.json}'s {@code metrics} (latency, identity, billing, context, security, trial).
 * Each area contributes one implementation, listed once in {@link ReportSections}; a section
 * whose figures are absent from the report draws nothing. All relay-sent text is hostile:
 * escape it with {@link Html#esc} and {@code SummaryMarkdown.text}.
 */
public interface ReportSection {
  /** Appends this section to {@code report.html} (inline SVG only, nothing fetched). */
  void html(StringBuilder h, Report report);

  /** Appends this section to {@code summary.md}; most areas add a line or a small table. */
  default void markdown(StringBuilder md, Report report) {}
}
