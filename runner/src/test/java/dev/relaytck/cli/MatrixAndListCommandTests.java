package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.report.ReportTestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixAndListCommandTests {
  @TempDir Path tmp;

  @Test
  void matrixPrintsTargetsByChecksAndWritesHtml() throws Exception {
    Path a = ReportTestRuns.writeFaithful(tmp.resolve("a"));
    Path b = ReportTestRuns.writeFailing(tmp.resolve("b"));
    Path html = tmp.resolve("out/matrix.html");
    CliRunner r = CliRunner.run("matrix", a.resolve("report.json").toString(), b.toString(), "--out", html.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("SSE-020 MUST").contains("PASS").contains("FAIL").contains("HTML: " + html);
    assertThat(Files.readString(html)).contains("<table id=\"matrix\">");
  }

  @Test
  void matrixRefusesUnreadableReportsWithExitTwo() throws Exception {
    Path a = ReportTestRuns.writeFaithful(tmp.resolve("a"));
    CliRunner r = CliRunner.run("matrix", a.toString(), tmp.resolve("missing").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no such file");
    assertThat(CliRunner.run("matrix").exitCode()).isEqualTo(2);
  }

  @Test
  void listPrintsTheCatalogAndFiltersByProfile() {
    CliRunner r = CliRunner.run("list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("SSE-020  MUST   core").contains(Catalog.all().size() + " checks");
    // `all` leaves out the opt-in profiles (endurance).
    long notOptIn = Catalog.all().stream().filter(c -> !dev.relaytck.catalog.Profiles.OPT_IN.contains(c.spec().profile())).count();
    assertThat(notOptIn).isLessThan(Catalog.all().size());
    assertThat(CliRunner.run("list", "--profile", "all").out()).contains(notOptIn + " checks");
    assertThat(CliRunner.run("list", "--profile", "all,endurance").out()).contains(Catalog.all().size() + " checks");
    CliRunner unknown = CliRunner.run("list", "--profile", "nonsense");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown profile 'nonsense'");
  }

  @Test
  void listMarkdownIsTheCatalogPage() {
    assertThat(CliRunner.run("list", "--markdown").out()).startsWith("# Check catalog");
  }

  @Test
  void helpListsExitCodesAndEnvironmentAndBadOptionsAreUsageErrors() {
    CliRunner help = CliRunner.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Exit codes").contains("3   the target could not be reached at all")
        .contains("ANTHROPIC_AUTH_TOKEN").contains("ANTHROPIC_API_KEY").contains("CI=true")
        .contains("diff").contains("matrix").contains("list");
    assertThat(CliRunner.run("diff", "--help").out()).contains("--threshold").contains("default: 25.0");
    CliRunner bad = CliRunner.run("list", "--bogus");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("Unknown option: '--bogus'");
  }
}
