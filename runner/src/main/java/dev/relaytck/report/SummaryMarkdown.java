package dev.relaytck.report;

import java.util.List;

/** Renders {@code summary.md}: a short verdict and failing-check table for a pull-request comment. */
public final class SummaryMarkdown {
  public static final String FILE_NAME = "summary.md";
  static final int MAX_ROWS = 25;

  public String render(Report r) {
    Verdict verdict = Verdict.of(r);
    Report.Counts s = r.summary();
    StringBuilder md = new StringBuilder();
    TrialSection.markdownFirst(md, r);
    String icon = switch (verdict.kind()) {
      case CERTIFIED -> "✅";
      case PASSED_NOT_CERTIFIED -> "⚠️";
      default -> "❌";
    };
    md.append("### ").append(icon).append(" relay-tck: ").append(text(verdict.headline())).append("\n\n");
    md.append("Target ").append(code(r.target())).append(" · ").append(text(r.mode())).append(" · ")
        .append(text(verdict.certificationLine())).append(" · relay-tck ").append(text(r.version())).append("\n\n");
    CommonCauseLine.markdown(md, r);
    md.append("**").append(s.total()).append(" checks:** ").append(s.passed()).append(" passed, ").append(s.failed())
        .append(" failed, ").append(s.skipped()).append(" skipped, ").append(s.inconclusive()).append(" inconclusive, ")
        .append(s.errors()).append(" errors").append(s.waived() > 0 ? ", " + s.waived() + " waived" : "").append("\n\n");
    // INFO findings never fail a run: they stay in report.html, out of a pull-request comment.
    List<Report.CheckEntry> failing = r.checks().stream()
        .filter(c -> c.failing() && !"INFO".equals(c.severity()))
        .sorted(java.util.Comparator.comparing((Report.CheckEntry c) -> !"MUST".equals(c.severity())))
        .toList();
    if (!failing.isEmpty()) {
      md.append("| Check | Severity | Title | What arrived |\n| --- | --- | --- | --- |\n");
      failing.stream().limit(MAX_ROWS).forEach(c -> md.append("| ").append(code(c.id())).append(" | ")
          .append(text(c.severity())).append(" | ").append(text(c.title())).append(" | ")
          .append(text(EvidenceText.oneLine(c.message(), 200))).append(" |\n"));
      if (failing.size() > MAX_ROWS) {
        md.append("\n…and ").append(failing.size() - MAX_ROWS).append(" more failing checks in report.html.\n");
      }
      md.append('\n');
    }
    List<Report.CheckEntry> inconclusive = r.checks().stream().filter(c -> "inconclusive".equals(c.status())).toList();
    if (!inconclusive.isEmpty()) {
      md.append("Inconclusive (blocks certification): ")
          .append(String.join(", ", inconclusive.stream().map(c -> code(c.id())).toList())).append("\n\n");
    }
    ReportSections.ALL.forEach(section -> section.markdown(md, r));
    md.append("Details: `report.html`, `report.json`, `junit.xml`.\n");
    return md.toString();
  }

  /** Table-safe text: no line breaks, pipes and markup characters escaped (relay output is hostile). */
  static String text(String s) {
    if (s == null) return "";
    String one = EvidenceText.oneLine(s, 500);
    StringBuilder out = new StringBuilder(one.length());
    for (char c : one.toCharArray()) {
      if ("\\`*_{}[]()<>#+!|~&".indexOf(c) >= 0) out.append('\\');
      out.append(c);
    }
    return out.toString();
  }

  /** A code span that a backtick in the value cannot close early. */
  static String code(String s) {
    String one = EvidenceText.oneLine(s == null ? "" : s, 200).replace('`', '\'').replace("|", "\\|");
    return "`" + one + "`";
  }
}
