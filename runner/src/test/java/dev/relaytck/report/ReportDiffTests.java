package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportDiffTests {
  private final ReportDiff diff = new ReportDiff(ReportDiff.DEFAULT_THRESHOLD_PCT, ReportDiff.DEFAULT_MIN_DELTA_MS);
  private final Report faithful = ReportBuilder.ofCatalog().build(SampleRuns.faithful());
  private final Report failing = ReportBuilder.ofCatalog().build(SampleRuns.failing());

  @Test
  void passedToFailedIsARegressionAndInfoFindingsAreNot() {
    ReportDiff.Result r = diff.compare(faithful, failing);
    assertThat(r.regressions()).extracting(ReportDiff.StatusChange::id).containsExactly("SSE-020", "EVT-110");
    assertThat(r.otherChanges()).extracting(ReportDiff.StatusChange::id).contains("MSG-020", "SSE-055");
    assertThat(r.inconclusiveChanges()).extracting(ReportDiff.StatusChange::id).containsExactly("ERR-010");
    assertThat(r.exitCode()).isEqualTo(1);
    String text = ReportDiff.render(r, "base", "cand");
    assertThat(text).contains("REGRESSIONS:")
        .contains("  SSE-020 MUST every event has an event: line equal to data.type: passed -> failed — stream-tool-use: event #3")
        .contains("warning: inconclusive changes:\n  ERR-010".replace("\n", System.lineSeparator()));
  }

  @Test
  void theReverseIsFixesAndNoRegression() {
    ReportDiff.Result r = diff.compare(failing, faithful);
    assertThat(r.regressions()).isEmpty();
    assertThat(r.fixes()).extracting(ReportDiff.StatusChange::id).contains("SSE-020", "EVT-110");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void identicalRunsHaveNothingToSay() {
    ReportDiff.Result r = diff.compare(faithful, faithful);
    assertThat(r.regressed()).isFalse();
    assertThat(r.fixes()).isEmpty();
    assertThat(r.slower()).isEmpty();
  }

  @Test
  void newAndRemovedChecksAreListedWithoutFailing() {
    List<Report.CheckEntry> fewer = new ArrayList<>(faithful.checks());
    Report.CheckEntry removed = fewer.remove(0);
    Report smaller = new Report(1, "relay-tck", "old", "hermetic", "t", "s", 1, List.of(), false, "passed", 0, fewer,
        faithful.metrics(), List.of(), faithful.summary());
    assertThat(diff.compare(smaller, faithful).added()).extracting(ReportDiff.StatusChange::id).containsExactly(removed.id());
    assertThat(diff.compare(faithful, smaller).removed()).extracting(ReportDiff.StatusChange::id).containsExactly(removed.id());
    assertThat(diff.compare(faithful, smaller).exitCode()).isZero();
  }

  @Test
  void slowerBeyondTheThresholdAndTheFloorIsARegression() {
    Report slow = ReportBuilder.ofCatalog().build(SampleRuns.faithful(400, 1000));
    ReportDiff.Result r = diff.compare(faithful, slow);
    assertThat(r.slower()).singleElement().satisfies(m -> {
      assertThat(m.scenario()).isEqualTo("stream-basic");
      assertThat(m.metric()).isEqualTo("time to first event");
      assertThat(m.percent()).isCloseTo(233.3, org.assertj.core.data.Offset.offset(0.1));
    });
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(ReportDiff.render(r, "a", "b")).contains("REGRESSION stream-basic time to first event: 120 ms -> 400 ms (+233%)");
    assertThat(diff.compare(slow, faithful).faster()).hasSize(1);
    assertThat(diff.compare(slow, faithful).exitCode()).isZero();
  }

  @Test
  void smallOrProportionallyMinorTimingChangesAreIgnored() {
    Report jitter = ReportBuilder.ofCatalog().build(SampleRuns.faithful(180, 950));
    assertThat(diff.compare(faithful, jitter).slower()).as("+60 ms is under the 100 ms floor").isEmpty();
    assertThat(new ReportDiff(10, 0).compare(faithful, jitter).slower()).as("+50% beyond a 10% threshold with no floor").hasSize(1);
    assertThat(new ReportDiff(300, 0).compare(faithful, ReportBuilder.ofCatalog().build(SampleRuns.faithful(400, 1000))).slower())
        .isEmpty();
  }

  @Test
  void negativeThresholdsAreRefused() {
    assertThatThrownBy(() -> new ReportDiff(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReportDiff(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
