package dev.relaytck.report;

import java.util.Optional;

/**
 * The run's common cause ({@code metrics.run.commonCause}): when every failure comes from one
 * cause (no credential, every request refused, the relay never reaching the replay upstream),
 * report.html and summary.md say it first, in the console's words, before the per-check list.
 * The line may quote the target and what the relay sent: escaped like any relay text.
 */
public final class CommonCauseLine {
  /** The key under {@code metrics.run} in report.json. */
  public static final String METRIC = "commonCause";

  private CommonCauseLine() {}

  static Optional<String> of(Report report) {
    Object cause = report.metrics().run().get(METRIC);
    return cause instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  /** Inside the verdict banner, above the reasons a profile is not certified. */
  static void html(StringBuilder h, Report report) {
    of(report).ifPresent(c -> h.append("<small class=\"why\" id=\"cause\"><b>cause:</b> ").append(Html.esc(c)).append("</small>"));
  }

  /** Right under the headline of summary.md. */
  static void markdown(StringBuilder md, Report report) {
    of(report).ifPresent(c -> md.append("**Cause:** ").append(SummaryMarkdown.text(c)).append("\n\n"));
  }
}
