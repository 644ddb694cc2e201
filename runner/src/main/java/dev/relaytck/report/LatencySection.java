package dev.relaytck.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PERF section of the reports, from {@code metrics.latency}: percentiles per scenario, the
 * relay's paired overhead, pacing, concurrency and error rate, a histogram of time to first
 * token and an arrival chart per stream (inline SVG, nothing fetched).
 */
final class LatencySection implements ReportSection {
  private static final int WIDTH = 720;
  private static final int LABEL = 170;
  private static final int BINS = 12;

  @Override
  public void html(StringBuilder h, Report report) {
    if (!(report.metrics().latency() instanceof Map<?, ?> latency)) return;
    h.append("<section class=\"area\" id=\"latency\"><h2>Latency and streaming timing</h2>\n");
    h.append("<p>").append(Html.esc(latency.get("definition"))).append(". Direct path: ")
        .append(Html.esc(latency.get("direct") == null ? "none" : latency.get("direct"))).append(".</p>\n");
    if (latency.get("byScenario") instanceof Map<?, ?> byScenario) {
      h.append("<table><tr><th>scenario</th><th>measure</th><th class=\"n\">count</th><th class=\"n\">p50</th>")
          .append("<th class=\"n\">p95</th><th class=\"n\">p99</th><th class=\"n\">max</th></tr>\n");
      byScenario.forEach((scenario, measures) -> {
        if (!(measures instanceof Map<?, ?> m)) return;
        m.forEach((measure, p) -> {
          if (!(p instanceof Map<?, ?> q)) return;
          h.append("<tr><td>").append(Html.esc(scenario)).append("</td><td>").append(Html.esc(measure)).append("</td>");
          for (String k : List.of("count", "p50", "p95", "p99", "max")) {
            h.append("<td class=\"n\">").append(Html.esc(q.get(k))).append("</td>");
          }
          h.append("</tr>\n");
        });
      });
      h.append("</table>\n");
    }
    for (String key : List.of("overhead", "pacing", "concurrency", "errors")) {
      if (latency.get(key) instanceof Map<?, ?> m) {
        h.append("<p><b>").append(key).append("</b>: ").append(Html.esc(EvidenceText.oneLine(summary(m), 600))).append("</p>\n");
      }
    }
    if (latency.get("ttftMs") instanceof List<?> ttft && !ttft.isEmpty()) h.append(histogram(numbers(ttft)));
    if (latency.get("arrivals") instanceof List<?> arrivals && !arrivals.isEmpty()) h.append(arrivalChart(arrivals));
    h.append("</section>\n");
  }

  @Override
  public void markdown(StringBuilder md, Report report) {
    if (!(report.metrics().latency() instanceof Map<?, ?> latency)) return;
    md.append("**Latency**: ");
    if (latency.get("overhead") instanceof Map<?, ?> o) {
      md.append("relay overhead p50 ").append(SummaryMarkdown.text(String.valueOf(o.get("medianMs")))).append(" ms (95 % CI ")
          .append(SummaryMarkdown.text(String.valueOf(o.get("ci95LowMs")))).append(" to ")
          .append(SummaryMarkdown.text(String.valueOf(o.get("ci95HighMs")))).append(" ms); ");
    }
    if (latency.get("pacing") instanceof Map<?, ?> p) {
      md.append("added event delay p95 ").append(SummaryMarkdown.text(String.valueOf(p.get("addedDelayP95Ms")))).append(" ms; ");
    }
    if (latency.get("concurrency") instanceof Map<?, ?> c) {
      md.append(SummaryMarkdown.text(String.valueOf(c.get("completed")))).append('/')
          .append(SummaryMarkdown.text(String.valueOf(c.get("concurrency")))).append(" concurrent streams complete; ");
    }
    if (latency.get("errors") instanceof Map<?, ?> e) {
      md.append(SummaryMarkdown.text(String.valueOf(e.get("errors")))).append(" errors in ")
          .append(SummaryMarkdown.text(String.valueOf(e.get("requests")))).append(" requests");
    }
    md.append("\n\n");
  }

  private static String summary(Map<?, ?> m) {
    StringBuilder s = new StringBuilder();
    m.forEach((k, v) -> {
      if (v instanceof Map || v instanceof List) return;
      if (s.length() > 0) s.append(", ");
      s.append(k).append(' ').append(v);
    });
    return s.toString();
  }

  private static double[] numbers(List<?> values) {
    return values.stream().filter(Number.class::isInstance).mapToDouble(v -> ((Number) v).doubleValue()).filter(v -> v >= 0).toArray();
  }

  /** Time to first token: {@value #BINS} equal bins from 0 to the largest value. */
  static String histogram(double[] values) {
    if (values.length == 0) return "";
    double max = 0;
    for (double v : values) max = Math.max(max, v);
    max = max <= 0 ? 1 : max;
    int[] counts = new int[BINS];
    for (double v : values) counts[Math.min(BINS - 1, (int) (v / max * BINS))]++;
    int top = 1;
    for (int c : counts) top = Math.max(top, c);
    int height = 150;
    double w = (WIDTH - 60) / (double) BINS;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height + 30).append("\"><title>Histogram of time to first token</title>");
    for (int i = 0; i < BINS; i++) {
      double bh = counts[i] * (double) height / top;
      svg.append("<rect x=\"").append(f(40 + i * w)).append("\" y=\"").append(f(height - bh + 4)).append("\" width=\"")
          .append(f(Math.max(1, w - 2))).append("\" height=\"").append(f(bh)).append("\" class=\"ttfe\"><title>")
          .append(Html.esc(String.format(Locale.ROOT, "%.0f-%.0f ms: %d", i * max / BINS, (i + 1) * max / BINS, counts[i])))
          .append("</title></rect>");
    }
    svg.append("<text x=\"40\" y=\"").append(height + 24).append("\" class=\"val\">")
        .append(Html.esc(String.format(Locale.ROOT, "time to first token, 0 to %.0f ms, %d streams (tallest bar %d)",
            max, values.length, top))).append("</text></svg>\n");
    return svg.toString();
  }

  /** One row per stream: a tick at each event's arrival, the first token marked. */
  static String arrivalChart(List<?> arrivals) {
    double max = 1;
    for (Object a : arrivals) {
      if (a instanceof Map<?, ?> m && m.get("eventMs") instanceof List<?> ev) {
        for (double v : numbers(ev)) max = Math.max(max, v);
      }
    }
    int row = 20;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(arrivals.size() * row + 30).append("\"><title>Event arrivals per stream</title>");
    double scale = (WIDTH - LABEL - 20) / max;
    int y = 6;
    for (Object a : arrivals) {
      if (!(a instanceof Map<?, ?> m)) continue;
      svg.append("<text x=\"0\" y=\"").append(y + 12).append("\" class=\"lbl\">")
          .append(Html.esc(EvidenceText.oneLine(String.valueOf(m.get("label")), 26))).append("</text>");
      if (m.get("eventMs") instanceof List<?> ev) {
        for (double v : numbers(ev)) {
          svg.append("<line x1=\"").append(f(LABEL + v * scale)).append("\" y1=\"").append(y + 2).append("\" x2=\"")
              .append(f(LABEL + v * scale)).append("\" y2=\"").append(y + 16).append("\" class=\"tick\"/>");
        }
      }
      if (m.get("ttftMs") instanceof Number t && t.doubleValue() >= 0) {
        svg.append("<rect x=\"").append(f(LABEL + t.doubleValue() * scale - 1)).append("\" y=\"").append(y)
            .append("\" width=\"3\" height=\"18\" class=\"ttfe\"/>");
      }
      y += row;
    }
    svg.append("<text x=\"").append(LABEL).append("\" y=\"").append(y + 16).append("\" class=\"val\">")
        .append(Html.esc(String.format(Locale.ROOT, "event arrivals, 0 to %.0f ms after the request; bar: first token", max)))
        .append("</text></svg>\n");
    return svg.toString();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
