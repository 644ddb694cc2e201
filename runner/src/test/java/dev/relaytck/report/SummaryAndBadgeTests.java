package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class SummaryAndBadgeTests {
  @Test
  void summaryOfACertifiedRunIsShortAndNamesTheProfiles() {
    String md = new SummaryMarkdown().render(ReportBuilder.ofCatalog().build(SampleRuns.faithful()));
    assertThat(md).startsWith("### ✅ relay-tck: CERTIFIED: core\n");
    assertThat(md).contains("certified: core").doesNotContain("| Check |");
    assertThat(md.lines().count()).isLessThan(10);
  }

  @Test
  void summaryOfAFailingRunTabulatesFailingChecksWithHostileTextNeutralised() {
    String md = new SummaryMarkdown().render(ReportBuilder.ofCatalog().build(SampleRuns.failing()));
    assertThat(md).startsWith("### ❌ relay-tck: FAILED\n");
    assertThat(md).contains("| Check | Severity | Title | What arrived |");
    String row = md.lines().filter(l -> l.startsWith("| `SSE-020`")).findFirst().orElseThrow();
    assertThat(row).contains("| MUST |").contains("\\<script\\>").doesNotContain("<script>");
    // Every table row has exactly the table's five pipes: a relay's | cannot add a column.
    assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5);
    assertThat(md).contains("Inconclusive (blocks certification): `ERR-010`");
    assertThat(md).contains("`EVT-110`").as("SHOULD failures are listed too");
    assertThat(md).doesNotContain("`MSG-020`").as("INFO findings are not failures");
  }

  private static Document svg(String text) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
  }

  @Test
  void badgeSaysCertifiedWithTheProfilesOrFailing() throws Exception {
    String certified = new Badge().render(ReportBuilder.ofCatalog().build(SampleRuns.faithful()));
    assertThat(svg(certified).getDocumentElement().getTextContent()).contains("relay-tck").contains("certified: core");
    assertThat(certified).contains("#2ea44f");
    String failing = new Badge().render(ReportBuilder.ofCatalog().build(SampleRuns.failing()));
    assertThat(svg(failing).getDocumentElement().getElementsByTagName("text").item(1).getTextContent()).isEqualTo("failing");
    assertThat(failing).contains("#d73a49");
  }
}
