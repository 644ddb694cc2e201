package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.StandInModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost figures the documentation quotes are the ones the kit computes today: each is the
 * estimate line of a live {@code --dry-run} (nothing sent but the free model list) against a
 * stand-in relay, for an opus-family model at the default list prices. When the request plan
 * changes, this fails with the new figures to put in the page.
 */
class DocsFiguresTests {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** A model name of the stand-in (test code only): the estimate prices it as the opus family. */
  private static final String MODEL = "claude-opus-docs-1";
  /** Priced as the sonnet family. */
  private static final String SONNET = "claude-sonnet-docs-1";
  private static final Pattern ESTIMATE = Pattern.compile("estimate: +(\\d+) requests, about ([\\d,]+) tokens, about (\\d+\\.\\d+) USD");

  @TempDir Path dir;

  private String estimate(StandInApi relay, String profiles) {
    return estimate(relay, profiles, MODEL);
  }

  private CliRunner dryRun(StandInApi relay, String profiles, String model) {
    return RunCommandTests.run(Map.of("ANTHROPIC_API_KEY", "fake-key-for-the-docs-figures", "CI", "true"),
        "run", "--base-url", relay.url().toString(), "--model", model, "--profile", profiles, "--dry-run",
        "--report-dir", dir.toString());
  }

  private String estimate(StandInApi relay, String profiles, String model) {
    CliRunner r = dryRun(relay, profiles, model);
    Matcher m = ESTIMATE.matcher(r.out());
    assertThat(m.find()).as(r.out() + r.err()).isTrue();
    double usd = Double.parseDouble(m.group(3));
    return m.group(1) + " requests, about " + m.group(2) + " tokens, estimated at " + String.format(java.util.Locale.ROOT, "%.2f", usd) + " USD";
  }

  @Test
  void theLiveEstimatesTheDocsQuoteAreTheKitsOwn() throws Exception {
    try (StandInApi relay = StandInApi.builder().model(StandInModels.alpha(MODEL)).model(StandInModels.beta(SONNET)).apiKey("fake-key-for-the-docs-figures").start()) {
      String claudeCode = estimate(relay, "core,claude-code");
      String core = estimate(relay, "core");
      String page = Files.readString(ROOT.resolve("docs/claude-code.md")).replaceAll("\\s+", " ");
      assertThat(page).as("docs/claude-code.md quotes the live core,claude-code estimate; update it to: " + claudeCode)
          .contains("a live `--profile core,claude-code` run sends " + claudeCode);
      assertThat(page).as("docs/claude-code.md quotes the live core estimate; update it to: " + core)
          .contains("against " + core.substring(core.indexOf("estimated at ") + "estimated at ".length()) + " for `core` alone");
      // quick-start.md shows the console's estimate line of a live core run with a Sonnet-class model.
      CliRunner sonnet = dryRun(relay, "core", SONNET);
      String line = sonnet.out().lines().filter(l -> l.startsWith("  estimate:")).findFirst().orElseThrow();
      assertThat(Files.readString(ROOT.resolve("docs/quick-start.md"))).as("quick-start.md's example estimate; update it to:\n" + line)
          .contains(line);
      assertThat(List.of(claudeCode, core)).allSatisfy(f -> assertThat(f).doesNotContain("about 0 tokens"));
    }
  }
}
