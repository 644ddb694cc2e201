package dev.relaytck.report;

import java.util.List;
import java.util.Map;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS and SVG, no script, no font,
 * nothing fetched) with the verdict on top, a matrix by area, every failing check with its
 * requirement, documentation link, expected vs actual and evidence, and timing charts per
 * streamed scenario. All text is escaped: relay output is hostile input.
 */
public final class HtmlReport {
  public static final String FILE_NAME = "report.html";

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
      main{max-width:1100px;margin:0 auto;padding:18px 24px 60px}
      .verdict{padding:18px 24px;color:#fff;font-size:26px;font-weight:700;letter-spacing:.3px}
      .verdict small{display:block;font-size:14px;font-weight:400;opacity:.92;margin-top:4px}
      .verdict small.why{font-size:13px}
      svg.bar rect.p{fill:#1a7f37}svg.bar rect.f{fill:#c62828}svg.bar rect.s{fill:#afb8c1}svg.bar rect.i{fill:#d4a72c}svg.bar rect.e{fill:#6a1b9a}svg.bar rect.w{fill:#8c959f}
      .CERTIFIED{background:#1a7f37}.FAILED{background:#c62828}.KIT_ERROR{background:#6a1b9a}.PASSED_NOT_CERTIFIED{background:#b26a00}
      h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
      table{border-collapse:collapse;background:#fff;width:100%}
      th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#eef1f4}
      td.n{text-align:right;font-variant-numeric:tabular-nums}
      .passed{color:#1a7f37}.failed,.error{color:#c62828;font-weight:600}.skipped{color:#57606a}.inconclusive{color:#b26a00;font-weight:600}.waived{color:#6e7781}
      td.bad{background:#ffebe9}td.warn{background:#fff4d6}
      .check{background:#fff;border:1px solid #d0d7de;border-left:5px solid #c62828;padding:10px 14px;margin:12px 0}
      .check.waivedbox{border-left-color:#8c959f}
      .check h3{margin:0 0 6px;font-size:15px}
      .kv{display:grid;grid-template-columns:110px 1fr;gap:2px 10px;margin:6px 0}
      .kv div:nth-child(odd){color:#57606a}
      code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
      pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow:auto;max-height:260px;white-space:pre-wrap;word-break:break-all}
      .meta{color:#57606a}
      svg.chart{background:#fff;border:1px solid #d0d7de;margin:6px 0;max-width:100%;height:auto}
      svg .total{fill:#b6d4fe}svg .ttfe{fill:#0b5cad}svg .ttfe-zone{fill:#dbe9ff}svg .tick{stroke:#0b5cad;stroke-width:1}
      svg .gap{fill:#8250df}svg .axis{stroke:#8c959f}svg text{font:11px system-ui,sans-serif;fill:#1d232a}
      """;

  public String render(Report report) {
    Verdict verdict = Verdict.of(report);
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        // Forbid every fetch: the page must open offline and a hostile string can never load anything.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
        .append("<title>relay-tck: ").append(Html.esc(verdict.headline())).append(" · ").append(Html.esc(report.target()))
        .append("</title><style>").append(CSS).append("</style></head><body>\n");
    h.append("<header id=\"verdict\" class=\"verdict ").append(verdict.kind().name()).append("\">")
        .append(Html.esc(verdict.headline()))
        .append("<small>").append(Html.esc(report.target())).append(" · ").append(Html.esc(report.mode()))
        .append(" · ").append(Html.esc(verdict.certificationLine())).append("</small>");
    CommonCauseLine.html(h, report);
    for (String why : NotCertified.reasons(report)) h.append("<small class=\"why\">").append(Html.esc(why)).append("</small>");
    h.append("</header>\n");
    TrialSection.banner(h, report);
    h.append("<main>\n");
    meta(h, report);
    areaMatrix(h, report);
    ReportSections.ALL.forEach(section -> section.html(h, report));
    failing(h, report);
    // Charts before the long lists of skipped and inconclusive checks: they are read, the lists are searched.
    timing(h, report);
    otherOutcomes(h, report);
    allChecks(h, report);
    h.append("</main></body></html>\n");
    return h.toString();
  }

  private static void meta(StringBuilder h, Report r) {
    Report.Counts s = r.summary();
    h.append("<p class=\"meta\">relay-tck ").append(Html.esc(r.version())).append(" · started ")
        .append(Html.esc(r.startedAt())).append(" · ").append(Html.esc(JunitXmlWriter.seconds(r.durationMs()))).append(" s")
        .append(" · profiles ").append(Html.esc(String.join(", ", r.profiles())))
        .append(r.strict() ? " · strict" : "").append("<br>")
        .append(s.passed()).append(" passed, ").append(s.failed()).append(" failed, ").append(s.skipped())
        .append(" skipped, ").append(s.inconclusive()).append(" inconclusive, ").append(s.errors()).append(" errors")
        .append(s.waived() > 0 ? ", " + s.waived() + " waived" : "").append("</p>\n");
  }

  private static void areaMatrix(StringBuilder h, Report r) {
    h.append("<h2>By area</h2><table id=\"areas\"><tr><th>Area</th><th>outcomes</th><th>passed</th><th>failed</th><th>skipped</th>")
        .append("<th>inconclusive</th><th>errors</th><th>waived</th></tr>\n");
    for (Map.Entry<String, Report.Counts> e : r.metrics().areas().entrySet()) {
      Report.Counts c = e.getValue();
      h.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td>").append(stackedBar(c)).append("</td>")
          .append(cell(c.passed(), null)).append(cell(c.failed(), "bad")).append(cell(c.skipped(), null))
          .append(cell(c.inconclusive(), "warn")).append(cell(c.errors(), "bad")).append(cell(c.waived(), null))
          .append("</tr>\n");
    }
    Report.Counts t = r.summary();
    h.append("<tr><th>all</th><td>").append(stackedBar(t)).append("</td>").append(cell(t.passed(), null)).append(cell(t.failed(), "bad"))
        .append(cell(t.skipped(), null)).append(cell(t.inconclusive(), "warn")).append(cell(t.errors(), "bad"))
        .append(cell(t.waived(), null)).append("</tr></table>\n");
  }

  /** One bar per area, its outcomes side by side in proportion: where the red is shows at a glance. */
  static String stackedBar(Report.Counts c) {
    int[] n = {c.passed(), c.failed(), c.inconclusive(), c.errors(), c.waived(), c.skipped()};
    String[] cls = {"p", "f", "i", "e", "w", "s"};
    int total = 0;
    for (int v : n) total += v;
    StringBuilder svg = new StringBuilder("<svg class=\"bar\" width=\"160\" height=\"12\" viewBox=\"0 0 160 12\" role=\"img\">");
    double x = 0;
    for (int i = 0; i < n.length && total > 0; i++) {
      if (n[i] == 0) continue;
      double w = 160.0 * n[i] / total;
      svg.append(String.format(java.util.Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"12\"/>", cls[i], x, w));
      x += w;
    }
    return svg.append("</svg>").toString();
  }

  private static String cell(int n, String highlight) {
    String cls = n > 0 && highlight != null ? "n " + highlight : "n";
    return "<td class=\"" + cls + "\">" + n + "</td>";
  }

  private static void failing(StringBuilder h, Report r) {
    // MUST before SHOULD; INFO findings never fail a run, so they get their own section.
    List<Report.CheckEntry> failing = r.checks().stream()
        .filter(c -> c.failing() && !"INFO".equals(c.severity()))
        .sorted(java.util.Comparator.comparing((Report.CheckEntry c) -> !"MUST".equals(c.severity())))
        .toList();
    List<Report.CheckEntry> findings = r.checks().stream().filter(c -> c.failing() && "INFO".equals(c.severity())).toList();
    List<Report.CheckEntry> waived = r.checks().stream().filter(Report.CheckEntry::waived).toList();
    h.append("<h2 id=\"failing\">Failing checks (").append(failing.size()).append(")</h2>\n");
    if (failing.isEmpty()) h.append("<p>None.</p>\n");
    failing.forEach(c -> checkBox(h, c, false));
    if (!waived.isEmpty()) {
      h.append("<h2>Waived failures (").append(waived.size()).append(")</h2>\n");
      waived.forEach(c -> checkBox(h, c, true));
    }
    if (!findings.isEmpty()) {
      h.append("<h2>Reported findings (INFO, never failing)</h2>\n");
      findings.forEach(c -> checkBox(h, c, true));
    }
  }

  private static void checkBox(StringBuilder h, Report.CheckEntry c, boolean muted) {
    h.append("<section class=\"check").append(muted ? " waivedbox" : "").append("\" id=\"check-")
        .append(Html.esc(c.id())).append("\"><h3>").append(Html.esc(c.displayName())).append("</h3><div class=\"kv\">");
    // An INFO "failure" is a finding the kit reports, not a defect: say so instead of "failed".
    String status = "INFO".equals(c.severity()) && "failed".equals(c.status()) ? "reported" : c.status();
    kv(h, "status", "<span class=\"" + Html.esc(status) + "\">" + Html.esc(status) + "</span>");
    if (c.waived()) kv(h, "waiver", Html.esc(c.waiver()));
    kv(h, "requirement", Html.esc(c.requirement()));
    String href = Html.safeHref(c.docUrl());
    if (href != null) {
      kv(h, "documentation", "<a href=\"" + Html.esc(href) + "\">" + Html.esc(c.docRef() != null ? c.docRef() : href) + "</a>");
    }
    if (c.message() != null) kv(h, "what arrived", Html.esc(c.message()));
    String expected = EvidenceText.expected(c.evidence());
    String actual = EvidenceText.actual(c.evidence());
    String where = EvidenceText.location(c.evidence());
    if (expected != null) kv(h, "expected", "<code>" + Html.esc(expected) + "</code>");
    if (actual != null) kv(h, "actual", "<code>" + Html.esc(actual) + "</code>");
    if (where != null) kv(h, "where", Html.esc(where));
    kv(h, "what to change", Html.esc(c.hint()));
    h.append("</div>");
    List<Report.ScenarioEntry> bad = c.scenarios().stream()
        .filter(s -> "failed".equals(s.status()) || "error".equals(s.status())).toList();
    if (!bad.isEmpty()) {
      h.append("<table><tr><th>scenario</th><th>message</th><th>exchange</th></tr>");
      for (Report.ScenarioEntry s : bad) {
        String link = Html.safeRelative(s.exchange());
        h.append("<tr><td>").append(Html.esc(s.id())).append("</td><td>").append(Html.esc(s.message())).append("</td><td>")
            .append(link == null ? "" : "<a href=\"" + Html.esc(link) + "\">" + Html.esc(link) + "</a>").append("</td></tr>");
      }
      h.append("</table>");
    }
    String excerpt = EvidenceText.excerpt(c.evidence());
    if (excerpt != null) h.append("<details open><summary>evidence</summary><pre>").append(Html.esc(excerpt)).append("</pre></details>");
    h.append("</section>\n");
  }

  private static void kv(StringBuilder h, String key, String htmlValue) {
    h.append("<div>").append(Html.esc(key)).append("</div><div>").append(htmlValue == null ? "" : htmlValue).append("</div>");
  }

  private static void otherOutcomes(StringBuilder h, Report r) {
    List<Report.CheckEntry> others = r.checks().stream()
        .filter(c -> !c.waived() && ("inconclusive".equals(c.status()) || "skipped".equals(c.status()))).toList();
    if (others.isEmpty()) return;
    h.append("<h2 id=\"others\">Inconclusive and skipped</h2><table><tr><th>check</th><th>status</th><th>reason</th></tr>\n");
    for (Report.CheckEntry c : others) {
      String reason = c.message();
      if (c.skip() != null && c.skip().tolerated()) reason = (reason == null ? "" : reason + " ") + "(tolerated: " + c.skip().basis() + ")";
      h.append("<tr><td>").append(Html.esc(c.displayName())).append("</td><td class=\"").append(Html.esc(c.status()))
          .append("\">").append(Html.esc(c.status())).append("</td><td>").append(Html.esc(reason)).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void timing(StringBuilder h, Report r) {
    List<Report.StreamMetric> streams = r.metrics().streams();
    if (streams.isEmpty()) return;
    h.append("<h2 id=\"timing\">Streaming timing</h2>\n").append(TimingCharts.overview(streams)).append('\n');
    h.append("<table><tr><th>scenario</th><th>headers ms</th><th>first event ms</th><th>total ms</th><th>events</th><th>longest gap ms</th></tr>\n");
    for (Report.StreamMetric s : streams) {
      h.append("<tr><td>").append(Html.esc(s.scenario())).append("</td><td class=\"n\">").append(TimingCharts.ms(s.headersMs()))
          .append("</td><td class=\"n\">").append(TimingCharts.ms(s.firstEventMs())).append("</td><td class=\"n\">")
          .append(TimingCharts.ms(s.totalMs())).append("</td><td class=\"n\">").append(s.events())
          .append("</td><td class=\"n\">").append(TimingCharts.ms(s.maxGapMs())).append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (Report.StreamMetric s : streams) {
      h.append("<h3>").append(Html.esc(s.scenario())).append("</h3>").append(TimingCharts.timeline(s)).append('\n');
    }
  }

  private static void allChecks(StringBuilder h, Report r) {
    h.append("<h2>All checks</h2><table id=\"checks\"><tr><th>check</th><th>profile</th><th>status</th><th>message</th></tr>\n");
    for (Report.CheckEntry c : r.checks()) {
      String status = c.waived() ? "waived" : c.status();
      h.append("<tr><td>").append(Html.esc(c.displayName())).append("</td><td>").append(Html.esc(c.profile()))
          .append("</td><td class=\"").append(Html.esc(status)).append("\">").append(Html.esc(status)).append("</td><td>")
          .append(Html.esc(EvidenceText.oneLine(c.message(), 300))).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }
}
