package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTests {
  @TempDir Path dir;

  @Test
  void writesEveryReportFileAndTheExchangesBehindFailures() throws Exception {
    ReportWriter.Written written = ReportWriter.ofCatalog(SampleRuns.scrubber()).write(SampleRuns.failing(), dir);
    assertThat(written.files()).extracting(p -> dir.relativize(p).toString()).containsExactly(
        "report.json", "junit.xml", "report.html", "summary.md", "badge.svg",
        "exchanges/stream-tool-use-1.json", "exchanges/stream-basic-1.json");
    assertThat(dir.resolve("exchanges/message-basic-1.json")).as("exchanges of passing scenarios are not kept").doesNotExist();
    assertThat(ReportSchema.validate(ReportJson.mapper().readTree(dir.resolve("report.json").toFile()))).isEmpty();
    assertThat(ReportJson.read(dir.resolve("report.json")).verdict()).isEqualTo("failed");
    assertThat(written.exitCode()).isEqualTo(1);
    assertThat(written.consoleVerdict()).endsWith("certified: none" + System.lineSeparator());
  }

  @Test
  void noSecretReachesAnyFileOrTheConsoleEvenWhenTheRelayEchoesThem() throws Exception {
    ReportWriter.Written written = ReportWriter.ofCatalog(SampleRuns.scrubber()).write(SampleRuns.failing(), dir);
    SecretLeakScanner scanner = new SecretLeakScanner(List.of(SampleRuns.CLIENT_KEY, SampleRuns.RELAY_KEY));
    assertThat(scanner.scanDirectory(dir)).isEmpty();
    String console = written.consoleVerdict();
    assertThat(scanner.scanText(console, "console")).isEmpty();
    assertThat(Files.readString(dir.resolve("report.json"))).contains("key=[REDACTED]");
  }

  @Test
  void withoutTheScrubberTheScannerWouldHaveFoundTheLeaks() throws Exception {
    ReportWriter.ofCatalog(SecretScrubber.none()).write(SampleRuns.failing(), dir);
    SecretLeakScanner scanner = new SecretLeakScanner(List.of(SampleRuns.RELAY_KEY));
    assertThat(scanner.scanDirectory(dir)).isNotEmpty();
  }
}
