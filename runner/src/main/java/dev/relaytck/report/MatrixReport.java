package dev.relaytck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several targets side by side, in the manner of Autobahn|Testsuite's multi-implementation
 * report: one row per check (the union of all reports, in first-seen order), one column per
 * target, each cell the check's outcome there. Rendered as aligned text and as HTML.
 */
public final class MatrixReport {
  /** One column: a label (the target, made unique) and its report. */
  public record Column(String label, Report report) {}

  private final List<Column> columns;
  private final Map<String, Report.CheckEntry> rows = new LinkedHashMap<>();

  public MatrixReport(List<Column> columns) {
    this.columns = List.copyOf(columns);
    for (Column c : columns) {
      c.report().checks().forEach(check -> {
        if (check.id() != null) rows.putIfAbsent(check.id(), check);
      });
    }
  }

  /**
   * Labels columns by target; a target that appears twice gets its file name appended. A
   * self-check is named for what it is: its target is an embedded server on a random port.
   */
  public static List<Column> columns(List<Report> reports, List<String> fileNames) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    reports.forEach(r -> seen.merge(label(r), 1, Integer::sum));
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      String target = label(reports.get(i));
      out.add(new Column(seen.get(target) > 1 ? target + " (" + fileNames.get(i) + ")" : target, reports.get(i)));
    }
    return out;
  }

  private static String label(Report r) {
    return Boolean.TRUE.equals(r.metrics().run().get("selfCheck")) ? "self-check (embedded replay upstream)" : String.valueOf(r.target());
  }

  /** PASS, FAIL, SKIP, INCONCL, ERROR, WAIVED or {@code -} when the target's report lacks the check. */
  public String cell(Column column, String checkId) {
    for (Report.CheckEntry c : column.report().checks()) {
      if (checkId.equals(c.id())) {
        if (c.waived()) return "WAIVED";
        return switch (c.status() == null ? "" : c.status()) {
          case "passed" -> "PASS";
          case "failed" -> "INFO".equals(c.severity()) ? "NOTE" : "FAIL";
          case "skipped" -> "SKIP";
          case "inconclusive" -> "INCONCL";
          case "error" -> "ERROR";
          default -> "?";
        };
      }
    }
    return "-";
  }

  public String renderText() {
    List<String> header = new ArrayList<>();
    header.add("check");
    for (int i = 0; i < columns.size(); i++) header.add("[" + (i + 1) + "]");
    List<List<String>> table = new ArrayList<>();
    table.add(header);
    if (anyTrial()) {
      List<String> trial = new ArrayList<>(List.of("trial"));
      columns.forEach(c -> trial.add(trialVerdict(c)));
      table.add(trial);
    }
    for (Report.CheckEntry row : rows.values()) {
      List<String> line = new ArrayList<>();
      line.add(row.id() + " " + (row.severity() == null ? "" : row.severity()));
      columns.forEach(c -> line.add(cell(c, row.id())));
      table.add(line);
    }
    List<String> certified = new ArrayList<>();
    certified.add("certified");
    columns.forEach(c -> certified.add(c.report().certified().isEmpty() ? "none" : String.join(",", c.report().certified())));
    table.add(certified);
    int[] widths = new int[header.size()];
    table.forEach(l -> {
      for (int i = 0; i < l.size(); i++) widths[i] = Math.max(widths[i], l.get(i).length());
    });
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      out.append('[').append(i + 1).append("] ").append(EvidenceText.oneLine(columns.get(i).label(), 200))
          .append(" (").append(columns.get(i).report().mode()).append(", ").append(columns.get(i).report().version())
          .append(')').append(System.lineSeparator());
    }
    for (List<String> l : table) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < l.size(); i++) {
        line.append(String.format("%-" + widths[i] + "s", l.get(i)));
        if (i < l.size() - 1) line.append("  ");
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    for (int i = 0; i < columns.size(); i++) {
      Report.Trial t = columns.get(i).report().trial();
      if (t != null) out.append('[').append(i + 1).append("] trial: ").append(EvidenceText.oneLine(t.headline(), 300)).append(System.lineSeparator());
    }
    return out.toString();
  }

  /** Whether any report carries the small-balance trial's verdict (docs/trial.md). */
  private boolean anyTrial() {
    return columns.stream().anyMatch(c -> c.report().trial() != null);
  }

  private static String trialVerdict(Column c) {
    return c.report().trial() == null ? "-" : c.report().trial().verdict();
  }

  public String renderHtml() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<title>relay-tck matrix</title><style>")
        .append("body{font:13px/1.4 system-ui,sans-serif;margin:20px;color:#1d232a}table{border-collapse:collapse}")
        .append("th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left}th{background:#eef1f4;vertical-align:bottom}")
        .append(".PASS{background:#dafbe1}.FAIL{background:#ffcecb;font-weight:600}.ERROR{background:#e8d5ff}")
        .append(".INCONCL{background:#fff1b8}.SKIP,.NOTE,.WAIVED{background:#eaeef2;color:#57606a}")
        .append("</style></head><body><h1>relay-tck: targets × checks</h1><table id=\"matrix\"><tr><th>check</th>");
    for (Column c : columns) {
      h.append("<th>").append(Html.esc(c.label())).append("<br><small>").append(Html.esc(c.report().mode())).append(" · ")
          .append(Html.esc(c.report().version())).append("</small></th>");
    }
    h.append("</tr>\n");
    if (anyTrial()) {
      h.append("<tr><th>trial verdict</th>");
      for (Column c : columns) {
        Report.Trial t = c.report().trial();
        h.append("<th title=\"").append(Html.esc(t == null ? "" : t.headline())).append("\">").append(Html.esc(trialVerdict(c))).append("</th>");
      }
      h.append("</tr>\n");
    }
    for (Report.CheckEntry row : rows.values()) {
      h.append("<tr><td title=\"").append(Html.esc(row.title())).append("\">").append(Html.esc(row.id())).append(' ')
          .append(Html.esc(row.severity())).append(' ').append(Html.esc(EvidenceText.oneLine(row.title(), 70))).append("</td>");
      for (Column c : columns) {
        String v = cell(c, row.id());
        h.append("<td class=\"").append(Html.esc(v)).append("\">").append(Html.esc(v)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("<tr><th>certified</th>");
    for (Column c : columns) {
      h.append("<th>").append(Html.esc(c.report().certified().isEmpty() ? "none" : String.join(", ", c.report().certified())))
          .append("</th>");
    }
    h.append("</tr></table></body></html>\n");
    return h.toString();
  }
}
