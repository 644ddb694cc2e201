package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.report.ReportTestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTests {
  @TempDir Path tmp;

  @Test
  void aFaithfulBaselineAgainstADefectiveCandidateExitsOneAndNamesTheRegressions() throws Exception {
    Path base = ReportTestRuns.writeFaithful(tmp.resolve("base"));
    Path cand = ReportTestRuns.writeFailing(tmp.resolve("cand"));
    CliRunner r = CliRunner.run("diff", base.resolve("report.json").toString(), cand.resolve("report.json").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("REGRESSIONS:").contains("SSE-020").contains("passed -> failed");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void noRegressionExitsZeroAndReportDirectoriesAreAccepted() throws Exception {
    Path base = ReportTestRuns.writeFailing(tmp.resolve("base"));
    Path cand = ReportTestRuns.writeFaithful(tmp.resolve("cand"));
    CliRunner r = CliRunner.run("diff", base.toString(), cand.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("fixes:").contains("0 regressions");
  }

  @Test
  void theThresholdOptionDecidesWhetherASlowdownRegresses() throws Exception {
    Path base = ReportTestRuns.writeFaithful(tmp.resolve("base"));
    Path slow = ReportTestRuns.writeSlow(tmp.resolve("slow"));
    assertThat(CliRunner.run("diff", base.toString(), slow.toString()).exitCode()).isEqualTo(1);
    assertThat(CliRunner.run("diff", "--threshold", "500", base.toString(), slow.toString()).exitCode()).isZero();
  }

  @Test
  void unreadableInputIsExitTwoWithAClearMessage() throws Exception {
    Path base = ReportTestRuns.writeFaithful(tmp.resolve("base"));
    Path junk = Files.writeString(tmp.resolve("junk.json"), "{not json");
    CliRunner r = CliRunner.run("diff", base.toString(), junk.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("junk.json: not valid JSON").doesNotContain("Exception");
    assertThat(CliRunner.run("diff", base.toString(), tmp.resolve("nope.json").toString()).err()).contains("no such file");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path base = ReportTestRuns.writeFaithful(tmp.resolve("base"));
    assertThat(CliRunner.run("diff", base.toString()).exitCode()).isEqualTo(2);
    assertThat(CliRunner.run("diff", "--threshold", "lots", base.toString(), base.toString()).exitCode()).isEqualTo(2);
    CliRunner negative = CliRunner.run("diff", "--threshold", "-5", base.toString(), base.toString());
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err()).contains("non-negative");
  }
}
