package dev.relaytck.report;

import java.util.Locale;
import java.util.Map;

/**
 * The billing section of report.html and summary.md, from {@code metrics.billing}: the audit's
 * table (tokens by kind, expected, charged, ratio) with a bar of charged against expected, the
 * failed-request audit, and the effective price per million tokens next to the list price with
 * a typical hour of Claude Code. Every figure is the suite's; relay text is escaped.
 */
final class BillingSection implements ReportSection {
  @Override
  public void html(StringBuilder h, Report report) {
    Map<?, ?> b = map(report.metrics().billing());
    if (b == null) return;
    h.append("<h2 id=\"billing\">Billing</h2>\n");
    Map<?, ?> audit = map(b.get("audit"));
    if (audit != null) {
      h.append("<table class=\"billing\"><tr>");
      for (String c : AUDIT_COLUMNS) h.append("<th>").append(c).append("</th>");
      h.append("</tr>\n<tr>");
      for (Object v : auditRow(audit)) h.append("<td>").append(Html.esc(v)).append("</td>");
      h.append("</tr></table>\n");
      if (audit.get("reason") != null) h.append("<p class=\"warn\">").append(Html.esc(audit.get("reason"))).append("</p>\n");
      bar(h, number(audit.get("expectedUsd")), number(audit.get("chargedUsd")));
    }
    Map<?, ?> failed = map(b.get("failedRequests"));
    if (failed != null) {
      h.append("<p>Failed requests: ").append(Html.esc(failed.get("requests"))).append(" (statuses ")
          .append(Html.esc(failed.get("statuses"))).append(") moved the balance by ").append(Html.esc(failed.get("chargedUsd")))
          .append(" USD (allowed ").append(Html.esc(failed.get("allowedUsd"))).append(")")
          .append(failed.get("reason") == null ? "" : ": " + Html.esc(failed.get("reason"))).append("</p>\n");
    }
    String cancelled = cancelledLine(map(b.get("cancelledStream")));
    if (cancelled != null) h.append("<p>").append(Html.esc(cancelled)).append("</p>\n");
    Map<?, ?> e = map(b.get("effective"));
    if (e != null) {
      Map<?, ?> eff = map(e.get("usdPerMillion"));
      Map<?, ?> list = map(e.get("listUsdPerMillion"));
      Map<?, ?> hour = map(e.get("typicalHour"));
      h.append("<table class=\"billing\"><tr><th>USD per million tokens</th><th>input</th><th>output</th><th>cache write</th>")
          .append("<th>cache read</th></tr>\n");
      row(h, "effective (" + e.get("basis") + ")", eff);
      row(h, "list price (" + e.get("listFamily") + ")", list);
      h.append("</table>\n<p>").append(Html.esc(e.get("model"))).append(": ").append(Html.esc(e.get("ratioToList")))
          .append(" times the list price. A typical hour of Claude Code: about ").append(Html.esc(get(hour, "usd")))
          .append(" USD here, ").append(Html.esc(e.get("typicalHourAtList"))).append(" USD at list price (")
          .append(Html.esc(get(hour, "basis"))).append(").</p>\n");
    }
  }

  @Override
  public void markdown(StringBuilder md, Report report) {
    Map<?, ?> b = map(report.metrics().billing());
    if (b == null) return;
    md.append("\n### Billing\n\n");
    Map<?, ?> audit = map(b.get("audit"));
    if (audit != null) {
      md.append("| ").append(String.join(" | ", AUDIT_COLUMNS)).append(" |\n|").append("---|".repeat(AUDIT_COLUMNS.length)).append("\n| ");
      for (Object v : auditRow(audit)) md.append(SummaryMarkdown.text(String.valueOf(v))).append(" | ");
      md.append("\n");
      if (audit.get("reason") != null) md.append("\n").append(SummaryMarkdown.text(String.valueOf(audit.get("reason")))).append("\n");
    }
    String cancelled = cancelledLine(map(b.get("cancelledStream")));
    if (cancelled != null) md.append("\n").append(SummaryMarkdown.text(cancelled)).append("\n");
    Map<?, ?> e = map(b.get("effective"));
    if (e != null) {
      Map<?, ?> eff = map(e.get("usdPerMillion"));
      Map<?, ?> list = map(e.get("listUsdPerMillion"));
      md.append("\nEffective price (").append(SummaryMarkdown.text(String.valueOf(e.get("basis")))).append("): ")
          .append(SummaryMarkdown.text(get(eff, "input") + " USD per million input, " + get(eff, "output") + " per million output tokens"))
          .append("; list price ").append(SummaryMarkdown.text(get(list, "input") + " / " + get(list, "output")))
          .append(" (ratio ").append(SummaryMarkdown.text(String.valueOf(e.get("ratioToList")))).append("); a typical hour of Claude Code ≈ ")
          .append(SummaryMarkdown.text(String.valueOf(get(map(e.get("typicalHour")), "usd")))).append(" USD.\n");
    }
  }

  /** BILL-050's cancelled stream in one sentence, or null when it was not run. */
  private static String cancelledLine(Map<?, ?> c) {
    if (c == null || "none".equals(c.get("state"))) return null;
    if (!"measured".equals(c.get("state"))) return "Cancelled stream: not judged (" + c.get("reason") + ").";
    return "Cancelled stream (" + c.get("scenario") + ", cancelled after its first content delta): charged " + usd(c.get("chargedUsd"))
        + " USD, allowed " + usd(c.get("allowedUsd")) + " for what was delivered; the whole answer costs " + usd(c.get("wholeAnswerUsd")) + ".";
  }

  private static String usd(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.6f", n.doubleValue()) : String.valueOf(v);
  }

  private static final String[] AUDIT_COLUMNS = {"balance", "requests", "input", "output", "cache write", "cache read",
      "expected USD", "charged USD", "ratio"};

  /** The audit's figures in the order of {@link #AUDIT_COLUMNS}, a dash where one is absent. */
  private static Object[] auditRow(Map<?, ?> audit) {
    Map<?, ?> t = map(audit.get("tokens"));
    Object[] row = {audit.get("balanceSource"), audit.get("requests"), get(t, "input"), get(t, "output"), get(t, "cacheWrite"),
        get(t, "cacheRead"), audit.get("expectedUsd"), audit.get("chargedUsd"), audit.get("ratio")};
    for (int i = 0; i < row.length; i++) {
      if (row[i] == null) row[i] = "–";
    }
    return row;
  }

  private static void row(StringBuilder h, String label, Map<?, ?> p) {
    h.append("<tr><td>").append(Html.esc(label)).append("</td>");
    for (String k : new String[] {"input", "output", "cacheWrite", "cacheRead"}) h.append("<td>").append(Html.esc(get(p, k))).append("</td>");
    h.append("</tr>\n");
  }

  /** Two horizontal bars, expected and charged, on one scale: the picture of BILL-040's ratio. */
  private static void bar(StringBuilder h, double expected, double charged) {
    if (!(expected > 0) || Double.isNaN(charged)) return;
    double max = Math.max(expected, Math.max(charged, 0));
    int w = 320;
    h.append("<svg class=\"billing-bar\" width=\"").append(w + 140).append("\" height=\"44\" role=\"img\" aria-label=\"charged against expected\">");
    bar(h, 0, "expected", expected / max * w, "#888");
    bar(h, 22, "charged", Math.max(0, charged) / max * w, charged > expected * 1.02 ? "#c0392b" : "#2e7d32");
    h.append("</svg>\n");
  }

  private static void bar(StringBuilder h, int y, String label, double width, String colour) {
    h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text><rect x=\"70\" y=\"%d\" width=\"%.1f\""
        + " height=\"16\" fill=\"%s\"/>", y + 13, label, y + 2, width, colour));
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : null;
  }

  private static Object get(Map<?, ?> m, String key) {
    return m == null ? null : m.get(key);
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
