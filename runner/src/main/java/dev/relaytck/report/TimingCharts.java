package dev.relaytck.report;

import java.util.List;

/**
 * Inline SVG charts of streaming timing, drawn by hand so the HTML report needs no script or
 * network: one overview of time to first event and total time per streamed scenario, and per
 * scenario a timeline of event arrivals with the gaps between consecutive events as bars.
 */
final class TimingCharts {
  private static final int WIDTH = 720;
  private static final int LABEL = 170;

  private TimingCharts() {}

  /** Horizontal bars: time to first event (dark) within total time (light), one row per scenario. */
  static String overview(List<Report.StreamMetric> streams) {
    if (streams.isEmpty()) return "";
    int row = 22;
    int height = streams.size() * row + 34;
    double max = streams.stream().mapToDouble(Report.StreamMetric::totalMs).max().orElse(1);
    max = max <= 0 ? 1 : max;
    double scale = (WIDTH - LABEL - 80) / max;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\"><title>Time to first event and total time per streamed scenario</title>");
    int y = 8;
    for (Report.StreamMetric s : streams) {
      svg.append("<text x=\"0\" y=\"").append(y + 13).append("\" class=\"lbl\">")
          .append(Html.esc(EvidenceText.oneLine(s.scenario(), 26))).append("</text>");
      svg.append(rect(LABEL, y + 2, Math.max(1, s.totalMs() * scale), 14, "total"));
      svg.append(rect(LABEL, y + 2, Math.max(1, s.firstEventMs() * scale), 14, "ttfe"));
      svg.append("<text x=\"").append(fmt(LABEL + Math.max(1, s.totalMs() * scale) + 6)).append("\" y=\"").append(y + 13)
          .append("\" class=\"val\">").append(ms(s.firstEventMs())).append(" / ").append(ms(s.totalMs())).append("</text>");
      y += row;
    }
    svg.append("<text x=\"").append(LABEL).append("\" y=\"").append(y + 16)
        .append("\" class=\"val\">dark: time to first event · light: total time (ms, at the client)</text>");
    svg.append("</svg>");
    return svg.toString();
  }

  /** One scenario: a tick per event on a time axis, then a bar per gap between consecutive events. */
  static String timeline(Report.StreamMetric s) {
    List<Double> offsets = s.eventOffsetsMs();
    double end = Math.max(s.totalMs(), offsets.isEmpty() ? 0 : offsets.get(offsets.size() - 1));
    end = end <= 0 ? 1 : end;
    int left = 10;
    int plot = WIDTH - 2 * left;
    double scale = plot / end;
    int height = 132;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\"><title>").append(Html.esc("Event arrivals and inter-event gaps: " + s.scenario())).append("</title>");
    // Time axis with the time to first event shaded.
    svg.append(rect(left, 10, Math.max(1, s.firstEventMs() * scale), 24, "ttfe-zone"));
    svg.append("<line x1=\"").append(left).append("\" y1=\"34\" x2=\"").append(left + plot).append("\" y2=\"34\" class=\"axis\"/>");
    for (double o : offsets) {
      double x = left + o * scale;
      svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"12\" x2=\"").append(fmt(x)).append("\" y2=\"34\" class=\"tick\"/>");
    }
    svg.append("<text x=\"").append(left).append("\" y=\"48\" class=\"val\">0</text>");
    svg.append("<text x=\"").append(left + plot).append("\" y=\"48\" text-anchor=\"end\" class=\"val\">")
        .append(ms(end)).append(" ms</text>");
    // Gaps between consecutive events, as bars scaled to the longest.
    int base = 120;
    int barArea = 60;
    double maxGap = Math.max(s.maxGapMs(), 1e-9);
    int gaps = Math.max(0, offsets.size() - 1);
    if (gaps > 0) {
      double w = (double) plot / gaps;
      for (int i = 1; i < offsets.size(); i++) {
        double gap = offsets.get(i) - offsets.get(i - 1);
        double h = Math.max(1, gap / maxGap * barArea);
        svg.append("<rect x=\"").append(fmt(left + (i - 1) * w)).append("\" y=\"").append(fmt(base - h))
            .append("\" width=\"").append(fmt(Math.max(1, w - 1))).append("\" height=\"").append(fmt(h))
            .append("\" class=\"gap\"><title>").append(Html.esc("gap before event #" + i + ": " + ms(gap) + " ms"))
            .append("</title></rect>");
      }
    }
    svg.append("<line x1=\"").append(left).append("\" y1=\"").append(base).append("\" x2=\"").append(left + plot)
        .append("\" y2=\"").append(base).append("\" class=\"axis\"/>");
    svg.append("<text x=\"").append(left).append("\" y=\"").append(base + 12).append("\" class=\"val\">")
        .append(Html.esc(gaps + " gaps, longest " + ms(s.maxGapMs()) + " ms")).append("</text>");
    svg.append("</svg>");
    return svg.toString();
  }

  private static String rect(double x, double y, double w, double h, String cls) {
    return "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(w) + "\" height=\"" + fmt(h)
        + "\" class=\"" + cls + "\"/>";
  }

  /** Milliseconds for people: whole numbers from 100 up, one decimal below. */
  static String ms(double v) {
    return v >= 100 ? Long.toString(Math.round(v)) : oneDecimal(v);
  }

  /** SVG coordinates: one decimal, no locale, no exponent (String.format is slow with thousands of ticks). */
  private static String fmt(double v) {
    return oneDecimal(v);
  }

  private static String oneDecimal(double v) {
    if (!Double.isFinite(v)) return "0";
    long tenths = Math.round(v * 10);
    String sign = tenths < 0 ? "-" : "";
    tenths = Math.abs(tenths);
    return sign + (tenths / 10) + "." + (tenths % 10);
  }
}
