package dev.relaytck.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small-balance trial in the human reports (docs/trial.md): the verdict first, on one screen
 * with the figures behind it, then the per-task table and a TTFT chart, then what the run did not
 * measure and the checklist of what a black-box test cannot see. Relay-sent text (answers, error
 * messages) is escaped everywhere.
 */
final class TrialSection implements ReportSection {
  private static final int REASONS_SHOWN = 5;

  /** The console's first lines: verdict, reasons, figures, tasks. Empty without the trial. */
  static String console(Report r) {
    Report.Trial t = r.trial();
    if (t == null) return "";
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder();
    out.append("TRIAL: ").append(t.headline().startsWith("ready") ? t.headline().toUpperCase(Locale.ROOT) : t.headline()).append(nl);
    t.reasons().stream().limit(REASONS_SHOWN).forEach(reason -> out.append("  - ").append(EvidenceText.oneLine(reason, 300)).append(nl));
    if (t.reasons().size() > REASONS_SHOWN) out.append("  - and ").append(t.reasons().size() - REASONS_SHOWN).append(" more (report.html)").append(nl);
    out.append("  figures: ").append(figuresLine(t)).append(nl);
    out.append("  tasks:   ").append(String.join(", ", t.tasks().stream().map(task -> task.get("id") + " " + task.get("status")).toList()))
        .append(nl);
    if (!t.notMeasured().isEmpty()) out.append("  not measured in this run: ").append(String.join(", ", t.notMeasured())).append(nl);
    out.append("  a black-box test cannot see: ").append(String.join("; ", t.cannotSee().subList(0, Math.min(4, t.cannotSee().size()))))
        .append(" (ask the relay)").append(nl).append(nl);
    return out.toString();
  }

  /** summary.md's first block. */
  static void markdownFirst(StringBuilder md, Report r) {
    Report.Trial t = r.trial();
    if (t == null) return;
    String icon = switch (t.verdict()) {
      case TrialVerdict.READY -> "✅";
      case TrialVerdict.CAUTION -> "⚠️";
      default -> "⛔";
    };
    md.append("## ").append(icon).append(" Trial: ").append(SummaryMarkdown.text(t.headline())).append("\n\n");
    t.reasons().stream().limit(10).forEach(reason -> md.append("- ").append(SummaryMarkdown.text(reason)).append('\n'));
    if (!t.reasons().isEmpty()) md.append('\n');
    md.append("**Figures:** ").append(SummaryMarkdown.text(figuresLine(t))).append("\n\n");
    if (!t.tasks().isEmpty()) {
      md.append("| Task | Outcome | Wall | Requests | TTFT (ms) | Errors |\n| --- | --- | --- | --- | --- | --- |\n");
      for (Map<String, Object> task : t.tasks()) {
        md.append("| ").append(SummaryMarkdown.code(String.valueOf(task.get("id")))).append(" | ")
            .append(SummaryMarkdown.text(task.get("status") + (blank(task.get("reason")) ? "" : ": " + task.get("reason")))).append(" | ")
            .append(seconds(task.get("wallMs"))).append(" | ").append(task.get("requests")).append(" | ")
            .append(SummaryMarkdown.text(list(task.get("ttftMs")))).append(" | ")
            .append(SummaryMarkdown.text(list(task.get("errors")))).append(" |\n");
      }
      md.append('\n');
    }
    if (!t.notMeasured().isEmpty()) md.append("Not measured in this run: ").append(String.join(", ", t.notMeasured())).append(".\n\n");
    md.append("What a black-box test cannot see (ask the relay):\n");
    t.cannotSee().forEach(item -> md.append("- ").append(SummaryMarkdown.text(item)).append('\n'));
    md.append('\n');
  }

  /** report.html's banner, right under the run's own verdict. */
  static void banner(StringBuilder h, Report r) {
    Report.Trial t = r.trial();
    if (t == null) return;
    String color = switch (t.verdict()) {
      case TrialVerdict.READY -> "#1a7f37";
      case TrialVerdict.CAUTION -> "#b26a00";
      default -> "#c62828";
    };
    h.append("<section id=\"trial-verdict\" style=\"background:").append(color)
        .append(";color:#fff;padding:14px 24px\"><div style=\"font-size:22px;font-weight:700\">Trial: ")
        .append(Html.esc(t.headline())).append("</div>");
    if (!t.reasons().isEmpty()) {
      h.append("<ul style=\"margin:6px 0\">");
      t.reasons().forEach(reason -> h.append("<li>").append(Html.esc(reason)).append("</li>"));
      h.append("</ul>");
    }
    h.append("<div>").append(Html.esc(figuresLine(t))).append("</div></section>\n");
  }

  @Override
  public void html(StringBuilder h, Report r) {
    Report.Trial t = r.trial();
    if (t == null) return;
    h.append("<h2 id=\"trial\">Trial: Claude Code tasks</h2>\n");
    h.append("<table id=\"trial-tasks\"><tr><th>task</th><th>outcome</th><th>wall</th><th>requests</th><th>TTFT per request (ms)</th>")
        .append("<th>errors</th><th>tokens in / out</th><th>cost (USD)</th><th>answer</th></tr>\n");
    for (Map<String, Object> task : t.tasks()) {
      String status = String.valueOf(task.get("status"));
      h.append("<tr><td>").append(Html.esc(task.get("id"))).append("</td><td class=\"").append(Html.esc(status)).append("\">")
          .append(Html.esc(status)).append(blank(task.get("reason")) ? "" : ": " + Html.esc(task.get("reason"))).append("</td><td class=\"n\">")
          .append(seconds(task.get("wallMs"))).append("</td><td class=\"n\">").append(Html.esc(task.get("requests")))
          .append("</td><td>").append(Html.esc(list(task.get("ttftMs")))).append("</td><td>").append(Html.esc(list(task.get("errors"))))
          .append("</td><td class=\"n\">").append(Html.esc(task.get("inputTokens"))).append(" / ").append(Html.esc(task.get("outputTokens")))
          .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.4f", number(task.get("costUsd"))))
          .append("</td><td>").append(Html.esc(task.get("answer"))).append("</td></tr>\n");
    }
    h.append("</table>\n").append(ttftChart(t));
    if (!t.notMeasured().isEmpty()) {
      h.append("<p>Not measured in this run (their checks did not run): ").append(Html.esc(String.join(", ", t.notMeasured())))
          .append(".</p>\n");
    }
    h.append("<h2 id=\"cannot-see\">What a black-box test cannot see</h2><p>Ask the relay before trusting it with your code:</p><ul>");
    t.cannotSee().forEach(item -> h.append("<li>").append(Html.esc(item)).append("</li>"));
    h.append("</ul>\n");
  }

  /** One bar per request with a TTFT, by task, on one scale (inline SVG, no script). */
  @SuppressWarnings("unchecked")
  static String ttftChart(Report.Trial t) {
    List<long[]> bars = new java.util.ArrayList<>();
    List<String> labels = new java.util.ArrayList<>();
    for (Map<String, Object> task : t.tasks()) {
      if (!(task.get("ttftMs") instanceof List<?> values)) continue;
      for (Object v : values) {
        bars.add(new long[] {(long) number(v)});
        labels.add(String.valueOf(task.get("id")));
      }
    }
    if (bars.isEmpty()) return "";
    long max = Math.max(1, bars.stream().mapToLong(b -> b[0]).max().orElse(1));
    int row = 16;
    int width = 640;
    int left = 170;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" id=\"trial-ttft\" role=\"img\" aria-label=\"time to first token per request\" width=\"").append(width)
        .append("\" height=\"").append(bars.size() * row + 24).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(bars.size() * row + 24).append("\">");
    for (int i = 0; i < bars.size(); i++) {
      long ms = bars.get(i)[0];
      int w = (int) Math.max(1, (width - left - 70) * ms / max);
      int y = 4 + i * row;
      svg.append("<text x=\"4\" y=\"").append(y + 11).append("\">").append(Html.esc(labels.get(i))).append("</text>")
          .append("<rect class=\"ttfe\" x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(w)
          .append("\" height=\"").append(row - 4).append("\"/>")
          .append("<text x=\"").append(left + w + 4).append("\" y=\"").append(y + 11).append("\">").append(ms).append(" ms</text>");
    }
    svg.append("<text x=\"4\" y=\"").append(bars.size() * row + 20).append("\">TTFT of each Claude Code request, as the kit's proxy saw it</text>");
    return svg.append("</svg>\n").toString();
  }

  /** Latency, errors, tokens and cost of the trial, and the evidence areas' headline figures when they ran. */
  static String figuresLine(Report.Trial t) {
    Map<String, Object> f = t.figures();
    StringBuilder s = new StringBuilder();
    s.append("TTFT p50 ").append(f.getOrDefault("ttftP50Ms", "n/a")).append(" ms, p95 ").append(f.getOrDefault("ttftP95Ms", "n/a"))
        .append(" ms; errors ").append(f.getOrDefault("errors", 0)).append(" of ").append(f.getOrDefault("requests", 0))
        .append(String.format(Locale.ROOT, " requests (%.1f %%)", number(f.get("errorRate")) * 100))
        .append("; tokens in ").append(f.getOrDefault("inputTokens", 0)).append(", out ").append(f.getOrDefault("outputTokens", 0))
        .append(", cache write ").append(f.getOrDefault("cacheWriteTokens", 0)).append(", cache read ").append(f.getOrDefault("cacheReadTokens", 0))
        .append(String.format(Locale.ROOT, "; cost %.4f USD", number(f.get("spentUsd"))));
    if (f.get("limitUsd") != null) s.append(String.format(Locale.ROOT, " of %.2f", number(f.get("limitUsd"))));
    if (f.get("prices") != null) s.append(" at ").append(f.get("prices"));
    if (f.get("costBasis") != null) s.append(" (").append(f.get("costBasis")).append(')');
    s.append(f.containsKey("billing") ? "; billing: see the billing section" : "; billing: not measured");
    s.append(f.containsKey("identity") ? "; identity: see the identity section" : "; identity: not measured");
    return s.toString();
  }

  /** A list as "a, b", or "none". */
  private static String list(Object o) {
    if (!(o instanceof List<?> l)) return o == null ? "" : String.valueOf(o);
    return l.isEmpty() ? "none" : String.join(", ", l.stream().map(String::valueOf).toList());
  }

  private static boolean blank(Object o) {
    return o == null || String.valueOf(o).isBlank();
  }

  private static String seconds(Object ms) {
    return String.format(Locale.ROOT, "%.1f s", number(ms) / 1000);
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }
}
