package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

class JunitXmlTests {
  private static void validate(String xml) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Validator validator = factory.newSchema(JunitXmlTests.class.getResource("/junit/surefire-test-report-3.0.xsd")).newValidator();
    validator.validate(new StreamSource(new StringReader(xml)));
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static List<Element> cases(Document doc) {
    NodeList list = doc.getElementsByTagName("testcase");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) out.add((Element) list.item(i));
    return out;
  }

  private static Element caseNamed(Document doc, String prefix) {
    return cases(doc).stream().filter(e -> e.getAttribute("name").startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void eachTestcaseCarriesItsMeasuredTime() throws Exception {
    dev.relaytck.outcome.RunResult run = SampleRuns.faithful();
    List<dev.relaytck.outcome.CheckResult> timed = run.checks().stream().map(c -> new dev.relaytck.outcome.CheckResult(
        c.check(), c.outcome(), c.message(), c.evidence(),
        c.scenarios().stream().map(s -> s.withDuration(250.4)).toList(), c.waiver(), c.skipBasis())).toList();
    Report report = ReportBuilder.ofCatalog().build(new dev.relaytck.outcome.RunResult(run.version(), run.mode(), run.target(),
        run.startedAt(), run.durationMs(), run.profiles(), run.strict(), timed, run.metrics()));
    assertThat(report.checks().get(0).scenarios().get(0).durationMs()).isEqualTo(250.4);
    String xml = new JunitXmlWriter().render(report);
    validate(xml);
    assertThat(cases(parse(xml))).allSatisfy(e -> assertThat(e.getAttribute("time")).isEqualTo("0.250"));
  }

  @Test
  void faithfulRunIsValidSurefireXmlWithATestcasePerCheckNamedFromItsId() throws Exception {
    Report report = ReportBuilder.ofCatalog().build(SampleRuns.faithful());
    String xml = new JunitXmlWriter().render(report);
    validate(xml);
    Document doc = parse(xml);
    List<Element> cases = cases(doc);
    for (Report.CheckEntry c : report.checks()) {
      assertThat(cases).as(c.id()).anySatisfy(e -> assertThat(e.getAttribute("name")).startsWith("[" + c.id() + "] " + c.severity() + " "));
    }
    assertThat(cases).allSatisfy(e -> assertThat(e.getAttribute("name")).matches("\\[[A-Z]+-\\d{3}] (MUST|SHOULD|INFO) .*"));
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo(String.valueOf(cases.size()));
  }

  @Test
  void failingRunCarriesTheFailureMessageAndEvidenceAndStaysValidDespiteHostileText() throws Exception {
    String xml = new JunitXmlWriter().render(ReportBuilder.ofCatalog().build(SampleRuns.failing()));
    validate(xml);
    Document doc = parse(xml);
    Element sse020 = caseNamed(doc, "[SSE-020] MUST every event has an event: line equal to data.type (stream-tool-use)");
    Element failure = (Element) sse020.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("SSE-020");
    assertThat(failure.getAttribute("message")).startsWith("event #3 has no event: line").contains("<script>");
    assertThat(failure.getTextContent())
        .contains("expected: event: content_block_delta")
        .contains("where:    event #3, byte 412")
        .contains("documentation: https://platform.claude.com/docs/en/build-with-claude/streaming#event-types")
        .contains("exchange: exchanges/stream-tool-use-1.json")
        .contains("\\u0000");
    assertThat(caseNamed(doc, "[SSE-020] MUST every event has an event: line equal to data.type (stream-basic)")
        .getElementsByTagName("failure").getLength()).isZero();
    Element inconclusive = caseNamed(doc, "[ERR-010]");
    assertThat(((Element) inconclusive.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .startsWith("inconclusive: 529 from upstream");
    Element skipped = caseNamed(doc, "[SSE-055]");
    assertThat(((Element) skipped.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .isEqualTo("no multibyte text in this run's recordings");
    Element should = caseNamed(doc, "[EVT-110]");
    assertThat(should.getElementsByTagName("failure").getLength()).as("SHOULD without --strict does not fail").isZero();
    assertThat(should.getElementsByTagName("system-out").item(0).getTextContent()).contains("SHOULD not met");
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
  }

  @Test
  void strictRunsReportShouldFailuresAsFailures() throws Exception {
    var run = SampleRuns.failing();
    var strict = new dev.relaytck.outcome.RunResult(run.version(), run.mode(), run.target(), run.startedAt(), run.durationMs(),
        run.profiles(), true, run.checks(), run.metrics(), run.exchanges());
    Document doc = parse(new JunitXmlWriter().render(ReportBuilder.ofCatalog().build(strict)));
    assertThat(caseNamed(doc, "[EVT-110]").getElementsByTagName("failure").getLength()).isEqualTo(1);
  }

  @Test
  void theSchemaRejectsAReportWithoutRequiredAttributes() {
    assertThatThrownBy(() -> validate("<testsuite name=\"x\" tests=\"1\" errors=\"0\" skipped=\"0\" failures=\"1\">"
        + "<testcase name=\"a\" time=\"0\"><failure message=\"no type\"/></testcase></testsuite>"))
        .isInstanceOf(SAXException.class).hasMessageContaining("type");
  }

  @Test
  void timesUseSurefiresNumberFormat() {
    assertThat(JunitXmlWriter.seconds(4321)).isEqualTo("4.321");
    assertThat(JunitXmlWriter.seconds(-5)).isEqualTo("0.000");
  }
}
