package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretLeakScannerTests {
  @TempDir Path dir;
  private final SecretLeakScanner scanner = new SecretLeakScanner(List.of(SampleRuns.CLIENT_KEY, SampleRuns.RELAY_KEY));

  @Test
  void findsPlainAndBase64LeaksInAnyFileOfADirectory() throws Exception {
    Files.createDirectories(dir.resolve("exchanges"));
    Files.writeString(dir.resolve("exchanges/x.json"), "{\"k\":\"" + SampleRuns.RELAY_KEY + "\"}");
    Files.writeString(dir.resolve("clean.md"), "nothing here");
    Files.writeString(dir.resolve("b.txt"), "Basic " + Base64.getEncoder().encodeToString(
        ("user:" + SampleRuns.CLIENT_KEY).getBytes(StandardCharsets.UTF_8)));
    assertThat(scanner.scanDirectory(dir)).extracting(Object::toString)
        .contains("secret #1 (plain) in exchanges/x.json")
        .noneMatch(s -> s.contains("clean.md"));
    assertThat(scanner.scanText("Basic " + Base64.getEncoder().encodeToString(SampleRuns.CLIENT_KEY.getBytes(StandardCharsets.UTF_8)), "out"))
        .extracting(SecretLeakScanner.Leak::encoding).containsExactly("base64");
  }

  @Test
  void cleanTextHasNoLeaksAndReportsNeverPrintTheSecret() {
    assertThat(scanner.scanText("all [REDACTED]", "stdout")).isEmpty();
    assertThat(scanner.scanText(SampleRuns.CLIENT_KEY, "stdout").get(0).toString()).doesNotContain(SampleRuns.CLIENT_KEY);
  }
}
