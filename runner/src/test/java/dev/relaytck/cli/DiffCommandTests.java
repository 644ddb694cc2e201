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
  void timingIsReportedAndFailsOnlyWithFailOnTimingBeyondTheThreshold() throws Exception {
    Path base = ReportTestRuns.writeTimed(tmp.resolve("base"), 120);
    Path slow = ReportTestRuns.writeTimed(tmp.resolve("slow"), 400);
    CliRunner reported = CliRunner.run("diff", base.toString(), slow.toString());
    assertThat(reported.exitCode()).isZero();
    assertThat(reported.out()).contains("slower (reported; --fail-on-timing makes it fail) 6 streams time to first event p50");
    assertThat(CliRunner.run("diff", "--fail-on-timing", base.toString(), slow.toString()).exitCode()).isEqualTo(1);
    assertThat(CliRunner.run("diff", "--fail-on-timing", "--threshold", "500", base.toString(), slow.toString()).exitCode()).isZero();
  }

  @Test
  void identicalRunsNeverFail() throws Exception {
    Path a = ReportTestRuns.writeTimed(tmp.resolve("a"), 120);
    Path b = ReportTestRuns.writeTimed(tmp.resolve("b"), 120);
    assertThat(CliRunner.run("diff", "--fail-on-timing", a.toString(), b.toString()).exitCode()).isZero();
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
