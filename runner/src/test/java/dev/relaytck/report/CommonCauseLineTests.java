package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.outcome.RunResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's common cause is said first in summary.md and report.html too, escaped like any relay text. */
class CommonCauseLineTests {
  private static Report withCause(String cause) {
    RunResult r = SampleRuns.failing();
    Map<String, Object> metrics = new LinkedHashMap<>(r.metrics());
    metrics.put(CommonCauseLine.METRIC, cause);
    return ReportBuilder.ofCatalog().build(new RunResult(r.version(), r.mode(), r.target(), r.startedAt(), r.durationMs(),
        r.profiles(), r.strict(), r.checks(), metrics, r.exchanges()));
  }

  @Test
  void theCauseComesBeforeTheCheckListInBothReportsAndRelayTextIsEscaped() {
    Report report = withCause("the relay never reached the replay upstream (the relay answered " + SampleRuns.HOSTILE + ")");

    String md = new SummaryMarkdown().render(report);
    String cause = md.lines().filter(l -> l.startsWith("**Cause:** ")).findFirst().orElseThrow();
    assertThat(cause).contains("the relay never reached the replay upstream").contains("\\<script\\>").doesNotContain("<script>");
    assertThat(md.indexOf("**Cause:**")).isLessThan(md.indexOf("| Check |"));

    String html = new HtmlReport().render(report);
    int at = html.indexOf("id=\"cause\"");
    assertThat(at).isPositive().isLessThan(html.indexOf("id=\"failing\""));
    assertThat(html).contains("the relay never reached the replay upstream").contains("&lt;script&gt;")
        .doesNotContain("<script>");
    assertThat(html.indexOf("</header>")).isGreaterThan(at);
  }

  @Test
  void aRunWithoutACommonCauseShowsNone() {
    Report report = ReportBuilder.ofCatalog().build(SampleRuns.failing());

    assertThat(new SummaryMarkdown().render(report)).doesNotContain("Cause:");
    assertThat(new HtmlReport().render(report)).doesNotContain("id=\"cause\"");
  }
}
