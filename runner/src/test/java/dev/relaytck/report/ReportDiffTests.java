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
        faithful.metrics(), faithful.certified(), faithful.summary());
    assertThat(diff.compare(smaller, faithful).added()).extracting(ReportDiff.StatusChange::id).containsExactly(removed.id());
    assertThat(diff.compare(faithful, smaller).removed()).extracting(ReportDiff.StatusChange::id).containsExactly(removed.id());
    assertThat(diff.compare(faithful, smaller).exitCode()).isZero();
  }

  /** The faithful report with {@code n} streams whose first events are {@code firstEventMs} (+ i ms of spread). */
  private Report streams(int n, double firstEventMs, double totalMs) {
    List<Report.StreamMetric> streams = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      streams.add(new Report.StreamMetric("stream-" + i, 5, firstEventMs + i, totalMs + i, 12, 40, List.of()));
    }
    Report.Metrics m = faithful.metrics();
    return new Report(1, "relay-tck", "t", "hermetic", "t", "s", 1, List.of(), false, "passed", 0, faithful.checks(),
        new Report.Metrics(m.outcomes(), m.areas(), streams, m.run()), faithful.certified(), faithful.summary());
  }

  @Test
  void slowerTimingDistributionsAreReportedAndFailOnlyWhenAsked() {
    Report base = streams(8, 120, 900);
    Report slow = streams(8, 400, 1000);
    ReportDiff.Result r = diff.compare(base, slow);
    assertThat(r.slower()).extracting(ReportDiff.MetricChange::metric)
        .containsExactly("time to first event p50", "time to first event p90");
    assertThat(r.slower().get(0).scenario()).isEqualTo("8 streams");
    assertThat(r.slower().get(0).percent()).isCloseTo(227.6, org.assertj.core.data.Offset.offset(0.1));
    assertThat(r.exitCode()).as("reported, not failing, by default").isZero();
    assertThat(ReportDiff.render(r, "a", "b")).contains("slower (reported; --fail-on-timing makes it fail) 8 streams"
        + " time to first event p50: 123 ms -> 403 ms (+228%)");

    ReportDiff.Result strict = new ReportDiff(ReportDiff.DEFAULT_THRESHOLD_PCT, ReportDiff.DEFAULT_MIN_DELTA_MS, true).compare(base, slow);
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(ReportDiff.render(strict, "a", "b")).contains("REGRESSION 8 streams time to first event p50");
    assertThat(diff.compare(slow, base).faster()).hasSize(2);
  }

  @Test
  void oneOutlierStreamIsNotADistributionChange() {
    // The flapping case: identical runs where one stream's first event went from 19 ms to 178 ms.
    Report base = streams(16, 19, 300);
    List<Report.StreamMetric> moved = new ArrayList<>(streams(16, 19, 300).metrics().streams());
    Report.StreamMetric first = moved.get(0);
    moved.set(0, new Report.StreamMetric(first.scenario(), 5, 178, 460, 12, 40, List.of()));
    Report.Metrics m = base.metrics();
    Report outlier = new Report(1, "relay-tck", "t", "hermetic", "t", "s", 1, List.of(), false, "passed", 0, base.checks(),
        new Report.Metrics(m.outcomes(), m.areas(), moved, m.run()), base.certified(), base.summary());
    ReportDiff.Result r = new ReportDiff(ReportDiff.DEFAULT_THRESHOLD_PCT, ReportDiff.DEFAULT_MIN_DELTA_MS, true).compare(base, outlier);
    assertThat(r.slower()).isEmpty();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void smallOrProportionallyMinorTimingChangesAreIgnored() {
    Report base = streams(8, 120, 900);
    Report jitter = streams(8, 180, 950);
    assertThat(diff.compare(base, jitter).slower()).as("+60 ms is under the 100 ms floor").isEmpty();
    assertThat(new ReportDiff(10, 0).compare(base, jitter).slower()).as("+50% beyond a 10% threshold with no floor").hasSize(2);
    assertThat(new ReportDiff(300, 0).compare(base, streams(8, 400, 1000)).slower()).isEmpty();
  }

  @Test
  void tooFewStreamsAreNotCompared() {
    ReportDiff.Result r = diff.compare(faithful, ReportBuilder.ofCatalog().build(SampleRuns.faithful(400, 1000)));
    assertThat(r.slower()).isEmpty();
    assertThat(r.timingNote()).contains("timing not compared: 1 and 1 streamed scenarios");
  }

  @Test
  void aLostCertificationIsARegression() {
    Report certified = new Report(1, "relay-tck", "t", "hermetic", "t", "s", 1, List.of(), false, "passed", 0,
        faithful.checks(), faithful.metrics(), List.of("core", "claude-code"), faithful.summary());
    Report lost = new Report(1, "relay-tck", "t", "hermetic", "t", "s", 1, List.of(), false, "passed", 0,
        faithful.checks(), faithful.metrics(), List.of("core"), faithful.summary());
    ReportDiff.Result r = diff.compare(certified, lost);
    assertThat(r.lostCertification()).containsExactly("claude-code");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(ReportDiff.render(r, "a", "b")).contains("REGRESSION certification lost: claude-code");
    assertThat(diff.compare(lost, certified).exitCode()).isZero();
  }

  @Test
  void negativeThresholdsAreRefused() {
    assertThatThrownBy(() -> new ReportDiff(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReportDiff(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
