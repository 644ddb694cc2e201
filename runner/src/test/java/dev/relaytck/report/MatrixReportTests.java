package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixReportTests {
  private final Report faithful = ReportBuilder.ofCatalog().build(SampleRuns.faithful());
  private final Report failing = ReportBuilder.ofCatalog().build(SampleRuns.failing());

  @Test
  void oneRowPerCheckAndOneColumnPerTarget() {
    MatrixReport m = new MatrixReport(MatrixReport.columns(List.of(faithful, failing), List.of("a/report.json", "b/report.json")));
    String text = m.renderText();
    assertThat(text).contains("[1] http://127.0.0.1:8089 (a/report.json)").contains("[2] http://127.0.0.1:8089 (b/report.json)");
    assertThat(text.lines().filter(l -> l.startsWith("SSE-020 MUST")).findFirst().orElseThrow().split("\\s+"))
        .containsExactly("SSE-020", "MUST", "PASS", "FAIL");
    assertThat(text.lines().filter(l -> l.startsWith("ERR-010")).findFirst().orElseThrow()).endsWith("INCONCL");
    assertThat(text.lines().filter(l -> l.startsWith("MSG-020")).findFirst().orElseThrow()).endsWith("NOTE");
    assertThat(text.lines().filter(l -> l.startsWith("certified")).findFirst().orElseThrow().split("\\s+"))
        .containsExactly("certified", "core", "none");
  }

  @Test
  void checksMissingFromAReportShowAsDashesAndHtmlIsEscaped() {
    Report hostile = new Report(1, "relay-tck", "v", "live", "<b>relay</b>", "s", 1, List.of(), false, "passed", 0,
        List.of(faithful.checks().get(0)), faithful.metrics(), List.of(), faithful.summary());
    MatrixReport m = new MatrixReport(MatrixReport.columns(List.of(hostile, failing), List.of("x", "y")));
    assertThat(m.renderText().lines().filter(l -> l.startsWith("SSE-020")).findFirst().orElseThrow().split("\\s+"))
        .containsExactly("SSE-020", "MUST", "-", "FAIL");
    String html = m.renderHtml();
    assertThat(html).contains("&lt;b&gt;relay&lt;/b&gt;").doesNotContain("<b>relay");
    assertThat(html).contains("<td class=\"FAIL\">FAIL</td>").contains("<table id=\"matrix\">");
  }

  @Test
  void aSelfCheckColumnIsNamedForWhatItIsNotForItsRandomPort() {
    Report.Metrics m = faithful.metrics();
    Report selfCheck = new Report(1, "relay-tck", "v", "hermetic", "http://127.0.0.1:41873", "s", 1, List.of(), false, "passed", 0,
        faithful.checks(), new Report.Metrics(m.outcomes(), m.areas(), m.streams(), java.util.Map.of("selfCheck", true)),
        faithful.certified(), faithful.summary());
    String text = new MatrixReport(MatrixReport.columns(List.of(selfCheck, failing), List.of("x", "y"))).renderText();
    assertThat(text).contains("[1] self-check (embedded replay upstream)").doesNotContain("41873")
        .contains("[2] http://127.0.0.1:8089");
  }
}
