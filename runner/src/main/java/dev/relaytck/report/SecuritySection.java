package dev.relaytck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.security.BlackBoxLimits;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The security section of report.html and summary.md: the SEC checks' outcomes, every
 * difference they found with the exact bytes (the upstream's span struck out, what arrived in
 * its place inserted, both also in hex), the figures of {@code metrics.security}, and always,
 * whatever the run's profiles, the list of what a black-box test cannot see (SEC-080).
 */
final class SecuritySection implements ReportSection {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEX_BYTES = 96;

  @Override
  public void html(StringBuilder h, Report report) {
    JsonNode sec = report.metrics().security() == null ? JSON.missingNode() : JSON.valueToTree(report.metrics().security());
    List<Report.CheckEntry> checks = report.checks().stream().filter(c -> c.id().startsWith("SEC-")).toList();
    h.append("<section id=\"security\"><h2>Security and integrity</h2>\n");
    if (!checks.isEmpty()) {
      h.append("<table><tr><th>Check</th><th>status</th><th>result</th></tr>\n");
      for (Report.CheckEntry c : checks) {
        String cls = c.status().equals("failed") ? " class=\"bad\"" : c.status().equals("inconclusive") ? " class=\"warn\"" : "";
        h.append("<tr><td>").append(Html.esc(c.displayName())).append("</td><td").append(cls).append('>')
            .append(Html.esc(c.status())).append("</td><td>").append(Html.esc(EvidenceText.oneLine(c.message(), 400))).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    JsonNode diffs = sec.path("diffs");
    if (diffs.isArray() && !diffs.isEmpty()) {
      h.append("<h3>What differs from what the upstream sent</h3>\n");
      for (JsonNode d : diffs) diff(h, d);
    }
    figures(h, sec);
    h.append("<h3>What this test cannot see: ask the relay</h3><ul>\n");
    for (String q : BlackBoxLimits.QUESTIONS) h.append("<li>").append(Html.esc(q)).append("</li>\n");
    h.append("</ul><p>").append(Html.esc(BlackBoxLimits.ADVICE)).append("</p></section>\n");
  }

  private static void diff(StringBuilder h, JsonNode d) {
    h.append("<div class=\"check\"><h3>").append(Html.esc(d.path("check").asText())).append(" · ")
        .append(Html.esc(d.path("exchange").asText())).append(" · ").append(Html.esc(d.path("where").asText())).append("</h3>")
        .append("<p>").append(Html.esc(d.path("problem").asText()));
    if (d.has("byteOffset")) h.append(" (at byte ").append(Html.esc(d.path("byteOffset").asText())).append(')');
    h.append("</p>");
    if (d.has("actualBytes") || d.has("expectedBytes")) {
      h.append("<pre>").append(Html.esc(visible(d.path("before").asText(""))))
          .append("<del style=\"background:#ffebe9\">").append(Html.esc(visible(d.path("expectedBytes").asText(""))))
          .append("</del><ins style=\"background:#dafbe1\">").append(Html.esc(visible(d.path("actualBytes").asText(""))))
          .append("</ins>").append(Html.esc(visible(d.path("after").asText("")))).append("</pre>");
      h.append("<div class=\"kv\"><div>upstream sent</div><div><code>").append(hex(d.path("expectedBytes").asText("")))
          .append("</code></div><div>client got</div><div><code>").append(hex(d.path("actualBytes").asText("")))
          .append("</code></div></div>");
    }
    if (d.path("executable").isArray() && !d.path("executable").isEmpty()) {
      h.append("<p><strong>Executable additions:</strong> ");
      d.path("executable").forEach(x -> h.append("<code>").append(Html.esc(x.asText())).append("</code> "));
      h.append("</p>");
    }
    h.append("</div>\n");
  }

  /** Control characters made visible, so a difference in whitespace shows. */
  static String visible(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n\n").replace("\t", "\\t");
  }

  static String hex(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0) return "(nothing)";
    String hex = HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(b.length, HEX_BYTES));
    return Html.esc(hex + (b.length > HEX_BYTES ? " … (" + b.length + " bytes)" : ""));
  }

  private static void figures(StringBuilder h, JsonNode sec) {
    List<String> names = List.of("integrity", "content", "isolation", "endurance", "canaries", "canaryUrls", "transport");
    StringBuilder rows = new StringBuilder();
    for (String name : names) {
      JsonNode f = sec.path(name);
      if (!f.isObject()) continue;
      StringBuilder line = new StringBuilder();
      f.fields().forEachRemaining(e -> {
        if (e.getValue().isValueNode() && !e.getValue().isNull()) {
          line.append(line.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asText());
        }
      });
      rows.append("<tr><td>").append(Html.esc(name)).append("</td><td>").append(Html.esc(line)).append("</td></tr>\n");
    }
    if (rows.length() > 0) h.append("<h3>Figures</h3><table>").append(rows).append("</table>\n");
  }

  @Override
  public void markdown(StringBuilder md, Report report) {
    JsonNode sec = report.metrics().security() == null ? JSON.missingNode() : JSON.valueToTree(report.metrics().security());
    JsonNode diffs = sec.path("diffs");
    if (diffs.isArray() && !diffs.isEmpty()) {
      md.append("**Security:** ").append(diffs.size()).append(" difference(s) from what the upstream sent\n\n");
      md.append("| check | exchange | where | upstream sent | client got |\n|---|---|---|---|---|\n");
      for (JsonNode d : diffs) {
        md.append("| ").append(SummaryMarkdown.text(d.path("check").asText())).append(" | ")
            .append(SummaryMarkdown.text(d.path("exchange").asText())).append(" | ")
            .append(SummaryMarkdown.text(d.path("where").asText())).append(" | ")
            .append(SummaryMarkdown.text(d.path("expectedBytes").asText(""))).append(" | ")
            .append(SummaryMarkdown.text(d.path("actualBytes").asText(d.path("problem").asText()))).append(" |\n");
      }
      md.append('\n');
    }
    md.append("**Not observable from outside (ask the relay):** ")
        .append(SummaryMarkdown.text(String.join(" ", BlackBoxLimits.QUESTIONS))).append("\n\n");
  }
}
