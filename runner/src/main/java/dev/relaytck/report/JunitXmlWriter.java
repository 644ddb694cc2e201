package dev.relaytck.report;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders {@code junit.xml} in the Maven Surefire report format (version 3.0), which Jenkins,
 * GitLab, GitHub test reporters and most CI viewers load. One testcase per check and scenario
 * (one per check when it has no scenario), each named from the check's display name, so the ID
 * survives in every viewer: {@code [SSE-020] MUST every event has ... (stream-basic)}.
 *
 * <p>JUnit failures match what fails the run: a MUST failure (and a SHOULD failure with
 * {@code --strict}) is a {@code <failure>}; a kit error is an {@code <error>}; skipped,
 * inconclusive and waived outcomes are {@code <skipped>} with the reason; a SHOULD failure
 * without {@code --strict} and an INFO finding pass, with the finding in {@code <system-out>}.
 */
public final class JunitXmlWriter {
  public static final String FILE_NAME = "junit.xml";

  public String render(Report report) {
    List<Case> cases = cases(report);
    int failures = 0, errors = 0, skipped = 0;
    for (Case c : cases) {
      switch (c.kind) {
        case FAILURE -> failures++;
        case ERROR -> errors++;
        case SKIPPED -> skipped++;
        default -> { }
      }
    }
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("version", "3.0");
      xml.writeAttribute("name", "relay-tck");
      xml.writeAttribute("time", seconds(report.durationMs()));
      xml.writeAttribute("tests", String.valueOf(cases.size()));
      xml.writeAttribute("errors", String.valueOf(errors));
      xml.writeAttribute("skipped", String.valueOf(skipped));
      xml.writeAttribute("failures", String.valueOf(failures));
      xml.writeCharacters("\n  ");
      xml.writeStartElement("properties");
      property(xml, "relay-tck.version", report.version());
      property(xml, "relay-tck.mode", report.mode());
      property(xml, "relay-tck.target", report.target());
      property(xml, "relay-tck.profiles", String.join(",", report.profiles()));
      property(xml, "relay-tck.certified", String.join(",", report.certified()));
      property(xml, "relay-tck.verdict", report.verdict());
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      for (Case c : cases) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", XmlText.clean(c.name));
        xml.writeAttribute("classname", "relay-tck." + c.area);
        xml.writeAttribute("time", seconds(Math.round(c.ms)));
        switch (c.kind) {
          case FAILURE, ERROR -> {
            xml.writeStartElement(c.kind == Kind.FAILURE ? "failure" : "error");
            xml.writeAttribute("message", XmlText.clean(c.message));
            xml.writeAttribute("type", c.type);
            xml.writeCharacters(XmlText.clean(c.body));
            xml.writeEndElement();
          }
          case SKIPPED -> {
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", XmlText.clean(c.message));
            xml.writeCharacters(XmlText.clean(c.body));
            xml.writeEndElement();
          }
          case NOTE -> {
            xml.writeStartElement("system-out");
            xml.writeCharacters(XmlText.clean(c.body));
            xml.writeEndElement();
          }
          case PASSED -> { }
        }
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("junit.xml could not be written", e);
    }
    return out.toString();
  }

  private enum Kind { PASSED, FAILURE, ERROR, SKIPPED, NOTE }

  private record Case(String name, String area, Kind kind, String type, String message, String body, double ms) {
    Case(String name, String area, Kind kind, String type, String message, String body) {
      this(name, area, kind, type, message, body, 0);
    }

    Case timed(double measuredMs) {
      return new Case(name, area, kind, type, message, body, measuredMs);
    }
  }

  private static List<Case> cases(Report report) {
    List<Case> cases = new ArrayList<>();
    for (Report.CheckEntry c : report.checks()) {
      if (c.scenarios().isEmpty()) {
        cases.add(one(report, c, c.displayName(), c.status(), c.message(), c.evidence(), null));
        continue;
      }
      for (Report.ScenarioEntry s : c.scenarios()) {
        cases.add(one(report, c, c.displayName() + " (" + s.id() + ")", s.status(),
            s.message() != null ? s.message() : c.message(),
            s.evidence().isEmpty() ? c.evidence() : s.evidence(), s.exchange())
            .timed(s.durationMs() == null ? 0 : s.durationMs()));
      }
    }
    return cases;
  }

  private static Case one(Report report, Report.CheckEntry c, String name, String status, String message,
      Map<String, Object> evidence, String exchange) {
    String area = c.area() != null ? c.area() : c.id().replaceFirst("-.*", "");
    String msg = message == null ? "" : message;
    if ("passed".equals(status)) {
      return new Case(name, area, Kind.PASSED, null, msg, "");
    }
    String body = body(c, msg, evidence) + (exchange == null ? "" : "exchange: " + exchange + "\n");
    boolean counts = "MUST".equals(c.severity()) || (report.strict() && "SHOULD".equals(c.severity()));
    return switch (status == null ? "" : status) {
      case "failed" -> c.waived()
          ? new Case(name, area, Kind.SKIPPED, null, "waived: " + c.waiver(), body)
          : counts
              ? new Case(name, area, Kind.FAILURE, c.id(), msg, body)
              : new Case(name, area, Kind.NOTE, null, msg,
                  c.severity() + " not met (does not fail the run" + ("SHOULD".equals(c.severity()) ? " without --strict" : "") + ")\n" + body);
      case "error" -> c.waived()
          ? new Case(name, area, Kind.SKIPPED, null, "waived: " + c.waiver(), body)
          : new Case(name, area, Kind.ERROR, "kit-error", msg, body);
      case "skipped" -> new Case(name, area, Kind.SKIPPED, null, msg.isEmpty() ? "skipped" : msg, body);
      case "inconclusive" -> new Case(name, area, Kind.SKIPPED, null, "inconclusive: " + msg, body);
      default -> new Case(name, area, Kind.PASSED, null, msg, body);
    };
  }

  private static String body(Report.CheckEntry c, String message, Map<String, Object> evidence) {
    StringBuilder b = new StringBuilder();
    b.append(c.displayName()).append('\n');
    if (!message.isEmpty()) b.append(message).append('\n');
    EvidenceText.lines(evidence).forEach(l -> b.append(l).append('\n'));
    if (c.requirement() != null) b.append("requirement: ").append(c.requirement()).append('\n');
    if (c.hint() != null) b.append("what to change: ").append(c.hint()).append('\n');
    if (c.docUrl() != null) b.append("documentation: ").append(c.docUrl()).append('\n');
    String excerpt = EvidenceText.excerpt(evidence);
    if (excerpt != null) b.append("evidence:\n").append(excerpt).append('\n');
    return b.toString();
  }

  private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", XmlText.clean(value == null ? "" : value));
  }

  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", Math.max(0, ms) / 1000.0);
  }
}
