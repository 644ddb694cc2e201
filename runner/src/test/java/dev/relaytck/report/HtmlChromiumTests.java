package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium (Debian's {@code chromium}) and checks what a person
 * would see. Skipped, with the reason, when no Chromium is installed; CI installs it.
 * The screenshot lands in runner/target/report-screenshot.png (docs/report-screenshot.png is a copy).
 */
class HtmlChromiumTests {
  @TempDir Path tmp;

  static Path chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) return p;
      }
    }
    return null;
  }

  private String run(Path chromium, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(tmp, "profile")));
    cmd.addAll(List.of(args));
    Path out = tmp.resolve("stdout-" + System.nanoTime());
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 90 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void theVerdictAndAFailingCheckAreVisibleInARealBrowser() throws Exception {
    Path chromium = chromium();
    assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium); the HTML report was not rendered");
    Path dir = tmp.resolve("report");
    ReportWriter.ofCatalog(SampleRuns.scrubber()).write(SampleRuns.failing(), dir);
    Path page = dir.resolve(HtmlReport.FILE_NAME);

    String dom = run(chromium, "--dump-dom", page.toUri().toString());
    assertThat(dom).contains("class=\"verdict FAILED\">FAILED");
    assertThat(dom).contains("[SSE-020] MUST every event has an event: line equal to data.type");
    assertThat(dom).contains("<svg class=\"chart\"");
    assertThat(dom).doesNotContain("<script>alert");

    Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    run(chromium, "--hide-scrollbars", "--window-size=1200," + System.getProperty("relaytck.screenshotHeight", "1700"),
        "--screenshot=" + shot, page.toUri().toString());
    assertThat(shot).exists();
    byte[] png = Files.readAllBytes(shot);
    assertThat(png.length).isGreaterThan(10_000);
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }
}
