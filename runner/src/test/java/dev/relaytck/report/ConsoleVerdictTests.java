package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleVerdictTests {
  @Test
  void certifiedRunEndsWithTheCertificationLine() {
    String text = new ConsoleVerdict().render(ReportBuilder.ofCatalog().build(SampleRuns.faithful()), Path.of("out"));
    assertThat(text).contains("  SSE ").contains("Reports: out/report.html");
    assertThat(text.lines().toList()).last().isEqualTo("certified: core");
    assertThat(text).doesNotContain("Failing required checks");
  }

  @Test
  void failingRunListsFailingMustChecksWithTheCauseInFullOnItsOwnLine() {
    Report report = ReportBuilder.ofCatalog().build(SampleRuns.failing());
    String text = new ConsoleVerdict().render(report, Path.of("out"));
    assertThat(text).contains("Failing required checks:");
    List<String> lines = text.lines().toList();
    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("  SSE-020 MUST")).findFirst().orElseThrow());
    assertThat(lines.get(at)).contains("every event has an event: line");
    String line = lines.get(at + 1);
    assertThat(line).startsWith("      ").contains("stream-tool-use: event #3 has no event: line");
    assertThat(line).as("control characters from the relay are shown, not sent to the terminal")
        .doesNotContain("\u0000").doesNotContain("\u0007").contains("\\u0000\\u0007");
    assertThat(text).doesNotContain("  EVT-110 SHOULD").as("SHOULD failures are not required without --strict");
    assertThat(text).contains("Inconclusive (blocks certification): ERR-010");
    assertThat(text.lines().toList()).endsWith("FAILED", "certified: none");
    String sseRow = text.lines().filter(l -> l.startsWith("  SSE ")).findFirst().orElseThrow();
    assertThat(sseRow.trim().split("\\s+")).containsExactly("SSE", "8", "1", "1", "0", "0", "0");
  }
}
