package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTests {
  private static final Pattern EXTERNAL = Pattern.compile(
      "(?i)<script|<link|<iframe|<img|<object|<embed|@import|url\\(|\\bsrc\\s*=|<base\\b");

  private final HtmlReport html = new HtmlReport();

  @Test
  void certifiedRunLeadsWithTheCertifiedProfilesAndDrawsTimingCharts() {
    String page = html.render(ReportBuilder.ofCatalog().build(SampleRuns.faithful()));
    assertThat(page).contains("<header id=\"verdict\" class=\"verdict CERTIFIED\">CERTIFIED: core");
    assertThat(page).contains("<table id=\"areas\">").contains("<td>SSE</td>");
    assertThat(page).contains("<h2 id=\"failing\">Failing checks (0)</h2>");
    assertThat(page).contains("<svg class=\"chart\"").contains("Time to first event and total time per streamed scenario")
        .contains("Event arrivals and inter-event gaps: stream-basic");
    assertThat(page).contains("11 gaps, longest");
  }

  @Test
  void failingRunShowsEachFailingCheckWithRequirementDocLinkExpectedActualAndEvidence() {
    String page = html.render(ReportBuilder.ofCatalog().build(SampleRuns.failing()));
    assertThat(page).contains("class=\"verdict FAILED\">FAILED");
    int box = page.indexOf("<section class=\"check\" id=\"check-SSE-020\">");
    assertThat(box).isPositive();
    String section = page.substring(box, page.indexOf("</section>", box));
    assertThat(section)
        .contains("[SSE-020] MUST every event has an event: line equal to data.type")
        .contains("Each SSE event carries an `event:` field whose value equals the `type` of its JSON data.")
        .contains("<a href=\"https://platform.claude.com/docs/en/build-with-claude/streaming#event-types\">")
        .contains("<div>expected</div><div><code>event: content_block_delta</code></div>")
        .contains("<div>where</div><div>event #3, byte 412</div>")
        .contains("<a href=\"exchanges/stream-tool-use-1.json\">")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(page).contains("Inconclusive and skipped").contains("529 overloaded_error");
    assertThat(page).contains("<h2 id=\"failing\">Failing checks (2)</h2>");
    assertThat(page.indexOf("id=\"check-SSE-020\"")).as("MUST before SHOULD").isLessThan(page.indexOf("id=\"check-EVT-110\""));
    assertThat(page.indexOf("Reported findings (INFO, never failing)")).isLessThan(page.indexOf("id=\"check-MSG-020\""));
  }

  @Test
  void hostileTextIsEscapedAndThePageLoadsNothingFromAnywhere() {
    String page = html.render(ReportBuilder.ofCatalog().build(SampleRuns.failing()));
    assertThat(page).doesNotContain("<script>alert").doesNotContain("\u0000");
    assertThat(EXTERNAL.matcher(page).find()).as("external resource or script in the page").isFalse();
    assertThat(page).contains("Content-Security-Policy").contains("default-src 'none'");
  }

  @Test
  void linksFromAForeignReportAreOnlyFollowedWhenHttps() {
    Report r = ReportBuilder.ofCatalog().build(SampleRuns.failing());
    List<Report.CheckEntry> checks = new ArrayList<>();
    for (Report.CheckEntry c : r.checks()) {
      checks.add(c.id().equals("SSE-020")
          ? new Report.CheckEntry(c.id(), c.title(), c.severity(), c.profile(), c.area(), c.status(), c.message(),
              c.requirement(), c.hint(), "x", "javascript:alert(1)", false, null, null, c.evidence(),
              List.of(new Report.ScenarioEntry("s", "failed", "m", null, "../../etc/passwd")))
          : c);
    }
    Report hostile = new Report(1, "relay-tck", "v", "live", "t", "s", 1, List.of(), false, "failed", 1, checks,
        r.metrics(), List.of(), r.summary());
    String page = html.render(hostile);
    assertThat(page).doesNotContain("javascript:").doesNotContain("href=\"../");
  }

  @Test
  void theBannerSaysWhyWhenNotCertifiedAndEachAreaHasAStackedBar() {
    Report failing = ReportBuilder.ofCatalog().build(SampleRuns.failing());
    String html = new HtmlReport().render(failing);
    assertThat(html).contains("<small class=\"why\">core is not certified: SSE-020 failed");
    assertThat(html).contains("<svg class=\"bar\"").contains("<rect class=\"f\"");
    assertThat(html.indexOf("id=\"timing\"") < 0 || html.indexOf("id=\"timing\"") < html.indexOf("id=\"others\""))
        .as("charts come before the long list of skips").isTrue();
    assertThat(new HtmlReport().render(ReportBuilder.ofCatalog().build(SampleRuns.faithful()))).doesNotContain("class=\"why\"");
  }
}
