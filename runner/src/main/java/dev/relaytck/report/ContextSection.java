package dev.relaytck.report;

import java.util.List;
import java.util.Map;

/** The CTX section of the reports, from {@code metrics.context}: what each long-context probe sent and got. */
final class ContextSection implements ReportSection {
  @Override
  public void html(StringBuilder h, Report report) {
    if (!(report.metrics().context() instanceof Map<?, ?> context)) return;
    h.append("<section class=\"area\" id=\"context\"><h2>Long context</h2>\n");
    if (context.get("limit") instanceof Map<?, ?> limit && limit.get("acceptedTokens") instanceof Number n
        && limit.get("windowTokens") instanceof Number w && w.doubleValue() > 0) {
      double share = Math.min(1, n.doubleValue() / w.doubleValue());
      h.append("<p>Accepts up to ").append(Html.esc(n)).append(" tokens; the model's window is ").append(Html.esc(w))
          .append(" (token counts from ").append(Html.esc(limit.get("countedBy"))).append(").</p>")
          .append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"28\">")
          .append("<title>Accepted context against the model's window</title>")
          .append("<rect x=\"0\" y=\"4\" width=\"700\" height=\"18\" class=\"total\"/>")
          .append("<rect x=\"0\" y=\"4\" width=\"").append(String.format(java.util.Locale.ROOT, "%.1f", 700 * share))
          .append("\" height=\"18\" class=\"ttfe\"/></svg>\n");
    }
    h.append("<table><tr><th>probe</th><th>what was measured</th></tr>\n");
    context.forEach((key, value) -> {
      if (!(value instanceof Map<?, ?> m)) return;
      StringBuilder s = new StringBuilder();
      m.forEach((k, v) -> {
        if (v instanceof List || v instanceof Map) return;
        if (s.length() > 0) s.append(", ");
        s.append(k).append(' ').append(v);
      });
      h.append("<tr><td>").append(Html.esc(key)).append("</td><td>").append(Html.esc(EvidenceText.oneLine(s.toString(), 600)))
          .append("</td></tr>\n");
    });
    h.append("</table></section>\n");
  }

  @Override
  public void markdown(StringBuilder md, Report report) {
    if (!(report.metrics().context() instanceof Map<?, ?> context)) return;
    if (context.get("limit") instanceof Map<?, ?> limit) {
      md.append("**Long context**: accepts up to ").append(SummaryMarkdown.text(String.valueOf(limit.get("acceptedTokens"))))
          .append(" tokens; the model's window is ").append(SummaryMarkdown.text(String.valueOf(limit.get("windowTokens"))))
          .append("\n\n");
    }
  }
}
