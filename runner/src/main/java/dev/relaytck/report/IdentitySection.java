package dev.relaytck.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The identity section of report.html and summary.md, from {@code metrics.identity}: the
 * distribution test's p-value and the power the run had (drawn as a bar against the 0.5 needed),
 * token counts per probe, capability rates, attribution with its interval, the channel and its
 * signals, the signature round trip, the repeats and the model's own answer. Every relay-sent
 * value is escaped.
 */
final class IdentitySection implements ReportSection {
  @Override
  public void html(StringBuilder h, Report report) {
    if (!(report.metrics().identity() instanceof Map<?, ?> id) || id.isEmpty()) return;
    h.append("<section id=\"identity\"><h2>Model identity</h2>\n");
    h.append("<p>Model ").append(Html.esc(id.get("model"))).append(", ").append(Html.esc(id.get("samples")))
        .append(" samples per probe, seed ").append(Html.esc(id.get("seed")));
    if (id.get("reference") instanceof Map<?, ?> ref) {
      h.append("; reference recorded ").append(Html.esc(ref.get("recordedAt"))).append(" from ").append(Html.esc(ref.get("upstream")))
          .append(" for ").append(Html.esc(ref.get("model")));
    }
    h.append(".</p>\n");
    if (id.get("distribution") instanceof Map<?, ?> d) {
      double power = number(d.get("power"));
      h.append("<p><b>Output distribution</b> (").append(Html.esc(d.get("test"))).append("): p = ")
          .append(fmt(number(d.get("pValue")))).append(" at alpha ").append(Html.esc(d.get("alpha"))).append("; power ")
          .append(fmt(power)).append(" against ").append(Html.esc(d.get("powerAgainst"))).append(".</p>\n");
      int w = (int) Math.round(Math.max(0, Math.min(1, power)) * 300);
      h.append("<svg width=\"320\" height=\"22\" role=\"img\" aria-label=\"power\"><rect x=\"0\" y=\"4\" width=\"300\" height=\"14\" fill=\"#eee\"/>")
          .append("<rect x=\"0\" y=\"4\" width=\"").append(w).append("\" height=\"14\" fill=\"").append(power >= 0.5 ? "#2a7" : "#d80")
          .append("\"/><line x1=\"150\" y1=\"0\" x2=\"150\" y2=\"22\" stroke=\"#333\"/></svg>\n");
    }
    if (id.get("tokenCounts") instanceof List<?> rows && !rows.isEmpty()) {
      h.append("<table><tr><th>probe</th><th>count_tokens reference</th><th>relay</th><th>usage reference</th><th>relay</th></tr>\n");
      for (Object o : rows) {
        if (!(o instanceof Map<?, ?> r)) continue;
        h.append("<tr><td>").append(Html.esc(r.get("probe"))).append("</td><td>").append(Html.esc(r.get("expectedCountTokens")))
            .append("</td><td>").append(Html.esc(r.get("countTokens"))).append("</td><td>").append(Html.esc(r.get("expectedUsage")))
            .append("</td><td>").append(Html.esc(r.get("usage"))).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    if (id.get("capabilities") instanceof List<?> rows && !rows.isEmpty()) {
      h.append("<table><tr><th>family</th><th>reference</th><th>relay</th><th>Fisher p</th><th>power</th></tr>\n");
      for (Object o : rows) {
        if (!(o instanceof Map<?, ?> r)) continue;
        h.append("<tr><td>").append(Html.esc(r.get("family"))).append("</td><td>").append(Html.esc(r.get("reference")))
            .append("</td><td>").append(Html.esc(r.get("relay"))).append("</td><td>").append(fmt(number(r.get("pValue"))))
            .append("</td><td>").append(fmt(number(r.get("power")))).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    if (id.get("models") instanceof List<?> rows && !rows.isEmpty()) {
      h.append("<table><tr><th>model</th><th>channel</th><th>usage input tokens</th><th>count_tokens</th><th>signature round trip</th></tr>\n");
      for (Object o : rows) {
        if (!(o instanceof Map<?, ?> r)) continue;
        h.append("<tr><td>").append(Html.esc(r.get("model"))).append("</td><td>").append(Html.esc(r.get("channel")))
            .append("</td><td>").append(Html.esc(r.get("usageInputTokens"))).append("</td><td>").append(Html.esc(r.get("countTokens")))
            .append("</td><td>").append(Html.esc(r.get("signature"))).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<ul>\n");
    for (String line : lines(id)) h.append("<li>").append(Html.esc(line)).append("</li>\n");
    h.append("</ul></section>\n");
  }

  @Override
  public void markdown(StringBuilder md, Report report) {
    if (!(report.metrics().identity() instanceof Map<?, ?> id) || id.isEmpty()) return;
    md.append("\n### Model identity\n\n");
    if (id.get("distribution") instanceof Map<?, ?> d) {
      md.append(SummaryMarkdown.text(String.format(Locale.ROOT, "Output distribution: p = %s, power %s (%s samples per probe)",
          fmt(number(d.get("pValue"))), fmt(number(d.get("power"))), d.get("samplesPerProbe")))).append("\n");
    }
    if (id.get("capabilities") instanceof List<?> rows) {
      for (Object o : rows) {
        if (o instanceof Map<?, ?> r) {
          md.append("- ").append(SummaryMarkdown.text(String.format(Locale.ROOT, "Capability, %s: relay %s, reference %s (Fisher p %s, power %s)",
              r.get("family"), r.get("relay"), r.get("reference"), fmt(number(r.get("pValue"))), fmt(number(r.get("power")))))).append('\n');
        }
      }
    }
    for (String line : lines(id)) md.append("- ").append(SummaryMarkdown.text(line)).append('\n');
    if (id.get("models") instanceof List<?> rows && !rows.isEmpty()) {
      md.append("\n| model | channel | signature |\n| --- | --- | --- |\n");
      for (Object o : rows) {
        if (o instanceof Map<?, ?> r) {
          md.append("| ").append(SummaryMarkdown.text(String.valueOf(r.get("model")))).append(" | ")
              .append(SummaryMarkdown.text(String.valueOf(r.get("channel")))).append(" | ")
              .append(SummaryMarkdown.text(String.valueOf(r.get("signature")))).append(" |\n");
        }
      }
    }
  }

  private static List<String> lines(Map<?, ?> id) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    if (id.get("attribution") instanceof Map<?, ?> a) {
      out.add(String.format(Locale.ROOT, "Attribution: %s of %s answers off the reference (reference's own rate %s); estimated"
          + " off-reference fraction %s, interval %s", a.get("offReference"), a.get("samples"), fmt(number(a.get("referenceRate"))),
          fmt(number(a.get("estimatedOffFraction"))), a.get("interval")));
    }
    if (id.get("channel") instanceof Map<?, ?> c) out.add("Channel: " + c.get("channel") + " (" + c.get("signals") + ")");
    if (id.get("signature") instanceof Map<?, ?> s) out.add("Thinking signature round trip: " + s.get("status") + ": " + s.get("detail"));
    if (id.get("replays") instanceof Map<?, ?> r) out.add("Repeated identical requests: " + r.get("repeats") + ", identical pairs " + r.get("identical"));
    if (id.get("selfReport") != null) out.add("The model says it is: " + id.get("selfReport") + " (weighted at nothing)");
    return out;
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String fmt(double d) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4f", d);
  }
}
