package dev.relaytck.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The short summary printed at the end of every run: outcomes per area, the failing MUST
 * checks (and SHOULD checks under {@code --strict}) with one-line reasons, where the reports
 * are, and the certification line ({@code certified: core, claude-code}).
 */
public final class ConsoleVerdict {
  /** The cause is what a relay engineer acts on: printed on its own line, in full up to this length. */
  static final int REASON_WIDTH = 1_000;

  public String render(Report r, Path reportDir) {
    Verdict verdict = Verdict.of(r);
    StringBuilder out = new StringBuilder(TrialSection.console(r));
    out.append(String.format(Locale.ROOT, "relay-tck %s: %s run against %s (%s s)%n",
        r.version(), r.mode(), EvidenceText.oneLine(r.target(), 200), JunitXmlWriter.seconds(r.durationMs())));
    out.append(String.format(Locale.ROOT, "  %-6s %7s %7s %8s %13s %7s %7s%n",
        "area", "passed", "failed", "skipped", "inconclusive", "errors", "waived"));
    for (Map.Entry<String, Report.Counts> e : r.metrics().areas().entrySet()) {
      row(out, e.getKey(), e.getValue());
    }
    row(out, "all", r.summary());
    List<Report.CheckEntry> required = r.checks().stream()
        .filter(Report.CheckEntry::failing)
        .filter(c -> "MUST".equals(c.severity()) || (r.strict() && "SHOULD".equals(c.severity())) || "error".equals(c.status()))
        .toList();
    if (!required.isEmpty()) {
      out.append(String.format("Failing required checks:%n"));
      for (Report.CheckEntry c : required) {
        out.append("  ").append(c.id()).append(' ').append(c.severity()).append(' ')
            .append(EvidenceText.oneLine(c.title(), 80)).append(System.lineSeparator())
            .append("      ").append(EvidenceText.oneLine(c.message() == null ? c.status() : c.message(), REASON_WIDTH))
            .append(System.lineSeparator());
      }
    }
    List<Report.CheckEntry> inconclusive = r.checks().stream().filter(c -> "inconclusive".equals(c.status())).toList();
    if (!inconclusive.isEmpty()) {
      out.append("Inconclusive (blocks certification): ")
          .append(String.join(", ", inconclusive.stream().map(Report.CheckEntry::id).toList()))
          .append(System.lineSeparator());
    }
    if (reportDir != null) {
      out.append("Reports: ").append(reportDir.resolve(HtmlReport.FILE_NAME)).append(" (also report.json, junit.xml, summary.md)")
          .append(System.lineSeparator());
    }
    out.append(verdict.headline()).append(System.lineSeparator());
    out.append(verdict.certificationLine()).append(System.lineSeparator());
    return out.toString();
  }

  private static void row(StringBuilder out, String area, Report.Counts c) {
    out.append(String.format(Locale.ROOT, "  %-6s %7d %7d %8d %13d %7d %7d%n",
        area, c.passed(), c.failed(), c.skipped(), c.inconclusive(), c.errors(), c.waived()));
  }
}
