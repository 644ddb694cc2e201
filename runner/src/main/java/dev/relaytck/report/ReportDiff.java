package dev.relaytck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What changed between a baseline report and a candidate report: how a gateway team gates a
 * change. A regression is a check that passed in the baseline and failed or errored in the
 * candidate, or a profile the baseline was certified for and the candidate is not. Timing is
 * compared as distributions, never stream by stream (one stream's first event moves by a
 * hundred milliseconds between identical runs on a loaded machine): the p50 and p90 over every
 * streamed scenario, when both runs have at least {@link #MIN_STREAMS} streams, must move by
 * more than the relative threshold and by at least {@code minDeltaMs}. Timing changes are
 * reported and fail the diff only when asked ({@code --fail-on-timing}). Fixes, new and
 * removed checks and changes to or from inconclusive are reported without failing.
 */
public final class ReportDiff {
  /** Default relative threshold for timing changes, in percent. */
  public static final double DEFAULT_THRESHOLD_PCT = 25.0;
  /** Default absolute floor for timing changes, in milliseconds. */
  public static final double DEFAULT_MIN_DELTA_MS = 100.0;
  /** Fewer streams than this on either side: the timing distributions are not compared. */
  public static final int MIN_STREAMS = 5;
  /** The percentiles compared, over all streamed scenarios of a run. */
  static final List<Integer> PERCENTILES = List.of(50, 90);

  /** One check whose status changed (or that appeared or disappeared). */
  public record StatusChange(String id, String title, String severity, String before, String after, String message) {}

  /**
   * One timing percentile that moved beyond the threshold and the floor.
   *
   * @param scenario what the percentile is taken over ({@code "12 streams"})
   * @param metric e.g. {@code "time to first event p50"}
   */
  public record MetricChange(String scenario, String metric, double beforeMs, double afterMs) {
    public double percent() {
      return beforeMs == 0 ? Double.POSITIVE_INFINITY : (afterMs - beforeMs) / beforeMs * 100.0;
    }

    public boolean slower() {
      return afterMs > beforeMs;
    }
  }

  /**
   * The whole comparison; {@link #exitCode()} is 1 exactly when {@link #regressed()}.
   *
   * @param lostCertification profiles certified in the baseline and not in the candidate
   * @param failOnTiming whether slower timings count as regressions ({@code --fail-on-timing})
   * @param timingNote why timing was not compared, or {@code null} when it was
   */
  public record Result(
      List<StatusChange> regressions, List<StatusChange> fixes, List<StatusChange> added,
      List<StatusChange> removed, List<StatusChange> inconclusiveChanges, List<StatusChange> otherChanges,
      List<MetricChange> slower, List<MetricChange> faster, double thresholdPct, double minDeltaMs,
      List<String> lostCertification, boolean failOnTiming, String timingNote) {

    public boolean regressed() {
      return !regressions.isEmpty() || !lostCertification.isEmpty() || (failOnTiming && !slower.isEmpty());
    }

    public int exitCode() {
      return regressed() ? 1 : 0;
    }
  }

  private final double thresholdPct;
  private final double minDeltaMs;
  private final boolean failOnTiming;

  public ReportDiff(double thresholdPct, double minDeltaMs) {
    this(thresholdPct, minDeltaMs, false);
  }

  public ReportDiff(double thresholdPct, double minDeltaMs, boolean failOnTiming) {
    this.failOnTiming = failOnTiming;
    if (!(thresholdPct >= 0) || !(minDeltaMs >= 0)) {
      throw new IllegalArgumentException("threshold and minimum delta must be non-negative numbers");
    }
    this.thresholdPct = thresholdPct;
    this.minDeltaMs = minDeltaMs;
  }

  public Result compare(Report baseline, Report candidate) {
    Map<String, Report.CheckEntry> before = byId(baseline);
    Map<String, Report.CheckEntry> after = byId(candidate);
    List<StatusChange> regressions = new ArrayList<>(), fixes = new ArrayList<>(), added = new ArrayList<>(),
        removed = new ArrayList<>(), inconclusive = new ArrayList<>(), other = new ArrayList<>();
    for (Report.CheckEntry a : after.values()) {
      Report.CheckEntry b = before.get(a.id());
      if (b == null) {
        added.add(change(a, null, status(a)));
        continue;
      }
      String was = status(b);
      String is = status(a);
      if (was.equals(is)) continue;
      StatusChange change = change(a, was, is);
      boolean wasGood = was.equals("passed");
      boolean isBad = is.equals("failed") || is.equals("error");
      // INFO checks report findings (an unknown field) and never fail a run: not a regression either.
      if (wasGood && isBad && !"INFO".equals(a.severity())) {
        regressions.add(change);
      } else if ((was.equals("failed") || was.equals("error")) && is.equals("passed")) {
        fixes.add(change);
      } else if (was.equals("inconclusive") || is.equals("inconclusive")) {
        inconclusive.add(change);
      } else {
        other.add(change);
      }
    }
    for (Report.CheckEntry b : before.values()) {
      if (!after.containsKey(b.id())) removed.add(change(b, status(b), null));
    }
    List<MetricChange> slower = new ArrayList<>(), faster = new ArrayList<>();
    List<Report.StreamMetric> baseStreams = baseline.metrics().streams();
    List<Report.StreamMetric> candStreams = candidate.metrics().streams();
    String timingNote = null;
    if (baseStreams.size() < MIN_STREAMS || candStreams.size() < MIN_STREAMS) {
      timingNote = String.format(Locale.ROOT, "timing not compared: %d and %d streamed scenarios, fewer than the %d a"
          + " distribution needs", baseStreams.size(), candStreams.size(), MIN_STREAMS);
    } else {
      String over = candStreams.size() + " streams";
      for (int p : PERCENTILES) {
        metric(over, "time to first event p" + p, percentile(baseStreams, Report.StreamMetric::firstEventMs, p),
            percentile(candStreams, Report.StreamMetric::firstEventMs, p), slower, faster);
        metric(over, "total time p" + p, percentile(baseStreams, Report.StreamMetric::totalMs, p),
            percentile(candStreams, Report.StreamMetric::totalMs, p), slower, faster);
      }
    }
    List<String> lost = baseline.certified().stream().filter(p -> !candidate.certified().contains(p)).toList();
    return new Result(regressions, fixes, added, removed, inconclusive, other, slower, faster, thresholdPct, minDeltaMs,
        lost, failOnTiming, timingNote);
  }

  /** The nearest-rank percentile of one timing over the streams. */
  static double percentile(List<Report.StreamMetric> streams, java.util.function.ToDoubleFunction<Report.StreamMetric> f, int p) {
    double[] v = streams.stream().mapToDouble(f).sorted().toArray();
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  private void metric(String scenario, String name, double before, double after,
      List<MetricChange> slower, List<MetricChange> faster) {
    double delta = after - before;
    if (Math.abs(delta) < minDeltaMs) return;
    double pct = before <= 0 ? Double.POSITIVE_INFINITY : Math.abs(delta) / before * 100.0;
    if (pct <= thresholdPct) return;
    (delta > 0 ? slower : faster).add(new MetricChange(scenario, name, before, after));
  }

  /** A waived failure reads as {@code waived}: waiving a check is not a fix, and un-waiving it is not a regression of the relay. */
  private static String status(Report.CheckEntry c) {
    if (c.waived()) return "waived";
    return c.status() == null ? "unknown" : c.status();
  }

  private static StatusChange change(Report.CheckEntry c, String before, String after) {
    return new StatusChange(c.id(), c.title(), c.severity(), before, after, c.message());
  }

  private static Map<String, Report.CheckEntry> byId(Report r) {
    Map<String, Report.CheckEntry> out = new LinkedHashMap<>();
    r.checks().forEach(c -> {
      if (c.id() != null) out.putIfAbsent(c.id(), c);
    });
    return out;
  }

  private static Map<String, Report.StreamMetric> streams(Report r) {
    Map<String, Report.StreamMetric> out = new LinkedHashMap<>();
    r.metrics().streams().forEach(s -> out.putIfAbsent(s.scenario(), s));
    return out;
  }

  /** The comparison in words, regressions first. */
  public static String render(Result d, String baselineName, String candidateName) {
    StringBuilder out = new StringBuilder();
    out.append("relay-tck diff: ").append(baselineName).append(" -> ").append(candidateName).append(System.lineSeparator());
    section(out, "REGRESSIONS", d.regressions());
    for (String profile : d.lostCertification()) {
      out.append("  REGRESSION certification lost: ").append(profile).append(System.lineSeparator());
    }
    String timingWord = d.failOnTiming() ? "REGRESSION" : "slower (reported; --fail-on-timing makes it fail)";
    for (MetricChange m : d.slower()) {
      out.append("  ").append(timingWord).append(' ').append(describe(m)).append(System.lineSeparator());
    }
    section(out, "fixes", d.fixes());
    section(out, "new checks", d.added());
    section(out, "removed checks", d.removed());
    section(out, "warning: inconclusive changes", d.inconclusiveChanges());
    section(out, "other changes", d.otherChanges());
    if (!d.faster().isEmpty()) {
      out.append("faster:").append(System.lineSeparator());
      d.faster().forEach(m -> out.append("  ").append(describe(m)).append(System.lineSeparator()));
    }
    if (d.timingNote() != null) out.append(d.timingNote()).append(System.lineSeparator());
    int timingRegressions = d.failOnTiming() ? d.slower().size() : 0;
    out.append(String.format(Locale.ROOT, "%d regressions (%d checks, %d certifications lost, %d timings beyond %.0f%% and"
        + " %.0f ms%s), %d fixes, %d new, %d removed, %d inconclusive changes%n",
        d.regressions().size() + d.lostCertification().size() + timingRegressions, d.regressions().size(),
        d.lostCertification().size(), d.slower().size(), d.thresholdPct(), d.minDeltaMs(),
        d.failOnTiming() ? "" : ", not failing", d.fixes().size(), d.added().size(), d.removed().size(),
        d.inconclusiveChanges().size()));
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<StatusChange> changes) {
    if (changes.isEmpty()) return;
    out.append(title).append(':').append(System.lineSeparator());
    for (StatusChange c : changes) {
      out.append("  ").append(c.id()).append(' ').append(c.severity() == null ? "" : c.severity() + " ")
          .append(EvidenceText.oneLine(c.title(), 80)).append(": ")
          .append(c.before() == null ? "(absent)" : c.before()).append(" -> ")
          .append(c.after() == null ? "(absent)" : c.after());
      if (c.after() != null && (c.after().equals("failed") || c.after().equals("error")) && c.message() != null) {
        out.append(" — ").append(EvidenceText.oneLine(c.message(), 160));
      }
      out.append(System.lineSeparator());
    }
  }

  private static String describe(MetricChange m) {
    return String.format(Locale.ROOT, "%s %s: %s ms -> %s ms (%s%.0f%%)", m.scenario(), m.metric(),
        TimingCharts.ms(m.beforeMs()), TimingCharts.ms(m.afterMs()), m.slower() ? "+" : "", m.percent());
  }
}
