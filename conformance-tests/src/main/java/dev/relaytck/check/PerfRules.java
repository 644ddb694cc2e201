package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.PerfCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.target.Ending;
import dev.relaytck.target.Exchange;
import dev.relaytck.timing.LatencyFigures;
import dev.relaytck.timing.PacingComparison;
import dev.relaytck.identity.Reference;
import dev.relaytck.timing.PairedOverhead;
import dev.relaytck.timing.ReferenceTtft;
import dev.relaytck.timing.TimingPlan;
import dev.relaytck.timing.StreamTimeline;
import dev.relaytck.timing.TimingSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The latency and streaming-timing checks (PERF), judged once per run over the measurements of
 * {@link TimingSession}: one clock, one definition of every figure ({@link StreamTimeline}).
 * Every time judgement is a paired or relative comparison with wide margins, never an absolute
 * time, so a loaded machine slows both sides alike.
 */
final class PerfRules {
  /** Default {@code --max-overhead-ms}. */
  static final double DEFAULT_MAX_OVERHEAD_MS = 50;
  /** Fewest pairs for an overhead estimate. */
  static final int MIN_PAIRS = 5;
  /** Streams whose scheduled span is shorter cannot show held-back events above the noise. */
  static final double MIN_SCHEDULE_SPAN_MS = 100;
  /** The least delay PERF-030 tolerates on any event, whatever the schedule. */
  static final double MIN_PACING_LIMIT_MS = 100;
  /** Requests PERF-050 wants before it judges a 1 % rate. */
  static final int MIN_REQUESTS = 100;
  static final double MAX_ERROR_RATE = 0.01;

  private PerfRules() {}

  static List<RunCheck> all() {
    return List.of(
        rule(PerfCheck.PERF_010, run -> Optional.empty(), PerfRules::figures, TimingPlan::samples),
        rule(PerfCheck.PERF_020, PerfRules::needsDirectPath, PerfRules::overhead, TimingPlan::samples),
        rule(PerfCheck.PERF_030, PerfRules::needsSchedule, PerfRules::pacing, TimingPlan::samples),
        rule(PerfCheck.PERF_040, run -> Optional.empty(), PerfRules::concurrency,
            run -> TimingPlan.burst(run, TimingPlan.concurrency(run))),
        rule(PerfCheck.PERF_050, run -> Optional.empty(), PerfRules::errorRate, TimingPlan::samples));
  }

  /** Every check reads {@link TimingSession}; live, its requests are declared (shared keys, counted once) for the estimate. */
  private static RunCheck rule(Check check, Function<RunContext, Optional<String>> na, Function<RunContext, Verdict> eval,
      Function<RunContext, List<RunCheck.PlannedSend>> planned) {
    return new EvidenceRule(check, run -> applicable(run).or(() -> na.apply(run)), eval,
        run -> run.config().hermetic() ? List.of() : planned.apply(run));
  }

  private static Optional<String> applicable(RunContext run) {
    if (TimingSession.of(run).timingScenarios().isEmpty()) {
      return Optional.of("no streaming scenario among the run's recordings to time");
    }
    return Optional.empty();
  }

  private static Optional<String> needsDirectPath(RunContext run) {
    return TimingSession.of(run).directPath().isPresent() || run.setting(EvidenceSettings.REFERENCE).isPresent() ? Optional.empty()
        : Optional.of("needs something to compare with: hermetic mode (--replay URL), --baseline URL, or a reference"
            + " recorded from the official API (--reference DIR, its recorded time to first token)");
  }

  private static Optional<String> needsSchedule(RunContext run) {
    return run.replayTimeScale().isPresent() || TimingSession.of(run).directPath().isPresent() ? Optional.empty()
        : Optional.of("needs the upstream's schedule: hermetic mode with relay-tck's replay upstream, or --baseline URL");
  }

  /** Publishes metrics.latency with everything measured so far. */
  private static void publish(RunContext run, String key, Object value) {
    TimingSession s = TimingSession.of(run);
    s.note(key, value);
    run.putMetric("latency", s.latencyMetrics());
  }

  static Verdict figures(RunContext run) {
    TimingSession session = TimingSession.of(run);
    LatencyFigures f = session.figures();
    publish(run, "measured", f.streams());
    if (f.isEmpty()) {
      return Verdict.inconclusive("no streamed exchange came back through the relay to time", Map.of(
          "requests", session.samples().size(),
          "first", session.samples().isEmpty() ? "none" : session.samples().get(0).relay().summary()));
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("streams", f.streams());
    evidence.put("ttftP50Ms", round(f.p50("ttftMs")));
    evidence.put("headersP50Ms", round(f.p50("headersMs")));
    evidence.put("totalP50Ms", round(f.p50("totalMs")));
    evidence.put("byScenario", f.summary());
    return new Verdict(Outcome.PASSED, String.format(Locale.ROOT,
        "%d streams: headers p50 %.1f ms, first token p50 %.1f ms, total p50 %.1f ms (details in metrics.latency)",
        f.streams(), f.p50("headersMs"), f.p50("ttftMs"), f.p50("totalMs")), List.of(), evidence);
  }

  static Verdict overhead(RunContext run) {
    TimingSession session = TimingSession.of(run);
    if (session.directPath().isEmpty()) return againstReference(run, session);
    List<Double> diffs = new ArrayList<>();
    for (TimingSession.Sample s : session.samples()) {
      if (s.relayTimeline().isEmpty() || s.directTimeline().isEmpty()) continue;
      double r = s.relayTimeline().get().ttftMs();
      double d = s.directTimeline().get().ttftMs();
      if (!Double.isNaN(r) && !Double.isNaN(d)) diffs.add(r - d);
    }
    double limit = setting(run, EvidenceSettings.MAX_OVERHEAD_MS, DEFAULT_MAX_OVERHEAD_MS);
    long seed = (long) setting(run, EvidenceSettings.SEED, 1);
    PairedOverhead o = PairedOverhead.of(diffs, seed);
    Map<String, Object> evidence = new LinkedHashMap<>(o.evidence());
    evidence.put("measure", "time to first token, through the relay minus directly to " + session.directPath().orElse("?"));
    evidence.put("limitMs", limit);
    publish(run, "overhead", evidence);
    if (o.pairs() < MIN_PAIRS) {
      return Verdict.inconclusive("only " + o.pairs() + " pairs with a first token on both sides (need " + MIN_PAIRS
          + "): " + firstProblem(session), evidence);
    }
    String figure = String.format(Locale.ROOT, "%.1f ms (95 %% CI %.1f to %.1f ms, %d pairs)", o.medianMs(), o.lowMs(),
        o.highMs(), o.pairs());
    if (o.medianMs() <= limit) {
      return new Verdict(Outcome.PASSED, "the relay adds " + figure + " to time to first token; limit " + limit + " ms",
          List.of(), evidence);
    }
    if (o.lowMs() > limit) {
      return new Verdict(Outcome.FAILED, "through the relay, time to first token differs from " + session.directPath().get()
          + " by " + figure + ": above --max-overhead-ms " + limit + " ms", List.of(), evidence);
    }
    return Verdict.inconclusive("overhead " + figure + ": the median is above " + limit
        + " ms but the interval reaches below it; run again on a quieter machine or with more samples", evidence);
  }

  /**
   * Live without {@code --baseline}: the relay's time to first token against the reference's
   * recorded official one. Not paired, so it fails only when the one-sided test says the relay is
   * slower by more than the limit at {@code --alpha}, and passes only when its median is within it.
   */
  static Verdict againstReference(RunContext run, TimingSession session) {
    Reference reference;
    try {
      reference = Reference.read(java.nio.file.Path.of(run.setting(EvidenceSettings.REFERENCE).orElseThrow()));
    } catch (IllegalArgumentException e) {
      return Verdict.inconclusive("cannot compare with the reference: " + e.getMessage(), Map.of());
    }
    List<Double> relay = new ArrayList<>();
    for (TimingSession.Sample s : session.samples()) {
      s.relayTimeline().map(StreamTimeline::ttftMs).filter(v -> !Double.isNaN(v)).ifPresent(relay::add);
    }
    double limit = setting(run, EvidenceSettings.MAX_OVERHEAD_MS, DEFAULT_MAX_OVERHEAD_MS);
    double alpha = setting(run, EvidenceSettings.ALPHA, 0.01);
    ReferenceTtft t = ReferenceTtft.of(relay, reference, limit);
    Map<String, Object> evidence = new LinkedHashMap<>(t.evidence());
    evidence.put("alpha", alpha);
    evidence.put("power", "not estimated: the two sides were measured at other times, over other networks");
    publish(run, "overhead", evidence);
    if (t.relayMs().size() < MIN_PAIRS || t.referenceMs().size() < MIN_PAIRS) {
      return Verdict.inconclusive("too few first tokens to compare: " + t.relayMs().size() + " through the relay, "
          + t.referenceMs().size() + " in the reference's streamed probes (need " + MIN_PAIRS + " each): " + firstProblem(session),
          evidence);
    }
    String figure = String.format(Locale.ROOT, "time to first token p50 %.0f ms through the relay, %.0f ms in the reference"
        + " (ratio %.2f; %d and %d samples)", t.relayP50(), t.referenceP50(), t.ratio(), t.relayMs().size(), t.referenceMs().size());
    if (t.relayP50() - t.referenceP50() <= limit) {
      return new Verdict(Outcome.PASSED, figure + ": within --max-overhead-ms " + limit + " ms of the official API's", List.of(), evidence);
    }
    if (t.pValue() < alpha) {
      return new Verdict(Outcome.FAILED, figure + ": slower than the reference by more than --max-overhead-ms " + limit
          + String.format(Locale.ROOT, " ms (one-sided Mann-Whitney U, p = %.3g < %s); measured at another time than the"
              + " reference: confirm with --baseline URL for a paired figure", t.pValue(), alpha), List.of(), evidence);
    }
    return Verdict.inconclusive(figure + String.format(Locale.ROOT, ": the median is more than %s ms above the reference's,"
        + " but the evidence is weak (p = %.3g, alpha %s); run with --baseline URL", limit, t.pValue(), alpha), evidence);
  }

  static Verdict pacing(RunContext run) {
    TimingSession session = TimingSession.of(run);
    List<Double> added = new ArrayList<>();
    List<Double> directAdded = new ArrayList<>();
    List<Double> gaps = new ArrayList<>();
    String worst = null;
    double worstMs = -1;
    for (TimingSession.Sample s : session.samples()) {
      if (s.relayTimeline().isEmpty()) continue;
      Optional<List<Double>> schedule = session.schedule(s.scenario())
          .or(() -> s.directTimeline().map(StreamTimeline::eventMs));
      if (schedule.isEmpty() || schedule.get().size() < 2) continue;
      List<Double> sched = schedule.get();
      if (sched.get(sched.size() - 1) - sched.get(0) < MIN_SCHEDULE_SPAN_MS) continue;
      for (int i = 1; i < sched.size(); i++) {
        if (sched.get(i) - sched.get(i - 1) > 0) gaps.add(sched.get(i) - sched.get(i - 1));
      }
      PacingComparison c = PacingComparison.of(sched, s.relayTimeline().get().eventMs());
      added.addAll(c.addedMs());
      // The upstream's own lateness, seen on the direct stream of the pair, is not the relay's doing.
      if (session.schedule(s.scenario()).isPresent() && s.directTimeline().isPresent()) {
        directAdded.addAll(PacingComparison.of(sched, s.directTimeline().get().eventMs()).addedMs());
      }
      for (int i = 0; i < c.addedMs().size(); i++) {
        if (c.addedMs().get(i) > worstMs) {
          worstMs = c.addedMs().get(i);
          worst = s.scenario().id() + " event " + i + " (" + s.relayTimeline().get().eventTypes().get(i) + ")";
        }
      }
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("eventsCompared", added.size());
    if (added.isEmpty()) {
      return Verdict.inconclusive("no stream to compare with a schedule spanning at least " + MIN_SCHEDULE_SPAN_MS
          + " ms: the upstream paces too fast (time scale " + run.replayTimeScale().orElse(Double.NaN)
          + ") to tell held-back events from noise; serve the replay upstream at a slower --time-scale", evidence);
    }
    PacingComparison all = new PacingComparison(added);
    double medianGap = gaps.isEmpty() ? 0 : new Median().evaluate(gaps.stream().mapToDouble(Double::doubleValue).toArray());
    double upstreamP95 = directAdded.isEmpty() ? 0 : new PacingComparison(directAdded).percentile(95);
    double limit = Math.max(MIN_PACING_LIMIT_MS, 1.5 * medianGap) + upstreamP95;
    evidence.put("upstreamAddedDelayP95Ms", round(upstreamP95));
    evidence.put("addedDelayP50Ms", round(all.percentile(50)));
    evidence.put("addedDelayP95Ms", round(all.percentile(95)));
    evidence.put("addedDelayMaxMs", round(all.percentile(100)));
    evidence.put("scheduledGapP50Ms", round(medianGap));
    evidence.put("limitMs", round(limit));
    evidence.put("schedule", session.schedule(session.timingScenarios().get(0)).isPresent()
        ? "the replay upstream's recorded offsets times its time scale" : "the baseline's arrivals");
    publish(run, "pacing", evidence);
    String figure = String.format(Locale.ROOT, "p95 of the delay added to an event %.1f ms (max %.1f ms, at %s; %d events)",
        all.percentile(95), all.percentile(100), worst, added.size());
    if (all.percentile(95) <= limit) return new Verdict(Outcome.PASSED, figure + "; limit " + round(limit) + " ms", List.of(), evidence);
    return new Verdict(Outcome.FAILED, "events are held back and released in bursts: " + figure + ", above "
        + round(limit) + " ms (1.5 times the scheduled gap p50 " + round(medianGap) + " ms, at least "
        + MIN_PACING_LIMIT_MS + " ms, plus the upstream's own p95 " + round(upstreamP95) + " ms seen directly)", List.of(), evidence);
  }

  static Verdict concurrency(RunContext run) {
    int n = (int) setting(run, EvidenceSettings.CONCURRENCY, TimingSession.DEFAULT_CONCURRENCY);
    TimingSession session = TimingSession.of(run);
    List<TimingSession.Sample> solo = session.samples();
    Optional<TimingSession.Concurrency> burst = session.concurrency(n);
    if (burst.isEmpty()) return Verdict.skip("no streaming scenario to run concurrently");
    TimingSession.Concurrency c = burst.get();
    List<String> expectedTypes = solo.stream().filter(s -> s.scenario().equals(c.scenario()))
        .flatMap(s -> s.relayTimeline().stream()).filter(StreamTimeline::complete).findFirst()
        .map(StreamTimeline::eventTypes).orElse(null);
    List<String> problems = new ArrayList<>();
    int limited = 0;
    for (int i = 0; i < n; i++) {
      if (i >= c.relay().size()) {
        problems.add("stream " + (i + 1) + ": no answer within the run's total timeout");
        continue;
      }
      Exchange e = c.relay().get(i);
      Optional<StreamTimeline> t = StreamTimeline.of(e);
      if (e.status() == 429 || e.status() == 529) limited++;
      if (e.status() != 200 || e.ending() != Ending.COMPLETE) {
        problems.add("stream " + (i + 1) + ": " + e.summary() + errorType(e));
      } else if (t.isEmpty() || !t.get().complete()) {
        problems.add("stream " + (i + 1) + ": the stream did not end with message_stop");
      } else if (!run.config().hermetic() && !inOrder(t.get().eventTypes())) {
        problems.add("stream " + (i + 1) + ": events out of order (" + t.get().eventTypes().get(0) + " first)");
      } else if (run.config().hermetic() && expectedTypes != null && !expectedTypes.equals(t.get().eventTypes())) {
        problems.add("stream " + (i + 1) + ": events " + t.get().eventTypes().size() + " in another order or number than alone ("
            + expectedTypes.size() + ")");
      }
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("concurrency", n);
    evidence.put("scenario", c.scenario().id());
    evidence.put("completed", n - problems.size());
    evidence.put("rateLimited", limited);
    double soloRelay = medianTtft(solo.stream().filter(s -> s.scenario().equals(c.scenario())).flatMap(s -> s.relayTimeline().stream()).toList());
    double soloDirect = medianTtft(solo.stream().filter(s -> s.scenario().equals(c.scenario())).flatMap(s -> s.directTimeline().stream()).toList());
    double concRelay = medianTtft(c.relay().stream().flatMap(e -> StreamTimeline.of(e).stream()).toList());
    double concDirect = medianTtft(c.direct().stream().flatMap(e -> StreamTimeline.of(e).stream()).toList());
    evidence.put("ttftAloneP50Ms", round(soloRelay));
    evidence.put("ttftConcurrentP50Ms", round(concRelay));
    evidence.put("degradationFactor", round(concRelay / soloRelay));
    double excess = Double.NaN;
    if (!Double.isNaN(concDirect) && !Double.isNaN(soloDirect)) {
      evidence.put("upstreamDegradationFactor", round(concDirect / soloDirect));
      excess = (concRelay - soloRelay) - (concDirect - soloDirect);
      evidence.put("excessMs", round(excess));
    }
    // Wide on purpose: on a loaded 2-core machine a faithful relay's streams slow each other too.
    double excessLimit = Math.max(500, 10 * setting(run, EvidenceSettings.MAX_OVERHEAD_MS, DEFAULT_MAX_OVERHEAD_MS));
    evidence.put("excessLimitMs", excessLimit);
    publish(run, "concurrency", evidence);
    if (!problems.isEmpty()) {
      evidence.put("problems", problems.stream().limit(10).toList());
      if (!run.config().hermetic() && limited == problems.size()) {
        return Verdict.inconclusive(limited + " of " + n + " concurrent streams were rate-limited (429/529): the upstream's"
            + " limits or the relay's cannot be told apart live", evidence);
      }
      return new Verdict(Outcome.FAILED, problems.size() + " of " + n + " concurrent streams did not complete correctly: "
          + String.join("; ", problems.stream().limit(3).toList()), List.of(), evidence);
    }
    boolean worseThanUpstream = concRelay / soloRelay > 2 * (concDirect / soloDirect);
    if (!Double.isNaN(excess) && excess > excessLimit && worseThanUpstream) {
      return new Verdict(Outcome.FAILED, String.format(Locale.ROOT,
          "under %d concurrent streams, time to first token through the relay grows by %.0f ms more than directly"
              + " (p50 %.0f ms alone, %.0f ms concurrent; directly %.0f and %.0f ms): above %.0f ms and over twice the"
              + " upstream's own degradation",
          n, excess, soloRelay, concRelay, soloDirect, concDirect, excessLimit), List.of(), evidence);
    }
    return new Verdict(Outcome.PASSED, String.format(Locale.ROOT,
        "%d concurrent streams all complete and in order; TTFT degradation factor %.2f", n, concRelay / soloRelay),
        List.of(), evidence);
  }

  /**
   * Live answers differ in length from one stream to the next, so a concurrent stream is compared
   * with the grammar, not with the stream sent alone: message_start first, message_stop last.
   */
  private static boolean inOrder(List<String> types) {
    return !types.isEmpty() && types.get(0).equals("message_start") && types.get(types.size() - 1).equals("message_stop");
  }

  static Verdict errorRate(RunContext run) {
    List<Exchange> all = TimingSession.of(run).sequential(MIN_REQUESTS);
    List<Map<String, Object>> errors = new ArrayList<>();
    for (Exchange e : all) {
      boolean stream = e.eventStream();
      boolean broken = e.status() != 200 || e.ending() != Ending.COMPLETE
          || stream && StreamTimeline.of(e).map(t -> !t.complete()).orElse(true);
      if (broken) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", e.status());
        m.put("type", errorType(e).replace(": ", "").trim());
        m.put("exchange", e.summary());
        errors.add(m);
      }
    }
    int n = all.size();
    int k = errors.size();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("requests", n);
    evidence.put("errors", k);
    if (n > 0) {
      // Clopper-Pearson from the beta distribution (commons-math's own interval rejects k = 0 and k = n).
      double low = k == 0 ? 0 : new BetaDistribution(k, n - k + 1.0).inverseCumulativeProbability(0.025);
      double high = k == n ? 1 : new BetaDistribution(k + 1.0, n - k).inverseCumulativeProbability(0.975);
      evidence.put("rate", round(100.0 * k / n) + " %");
      evidence.put("ci95", round(100 * low) + " % to " + round(100 * high) + " % (Clopper-Pearson)");
    }
    if (!errors.isEmpty()) evidence.put("list", errors.stream().limit(20).toList());
    publish(run, "errors", evidence);
    if (n > 0 && (double) k / n > MAX_ERROR_RATE) {
      return new Verdict(Outcome.FAILED, k + " of " + n + " requests failed (" + evidence.get("rate") + ", above 1 %): first "
          + errors.get(0).get("exchange"), List.of(), evidence);
    }
    if (n < MIN_REQUESTS) {
      return Verdict.inconclusive(k + " errors in only " + n + " requests: too few to judge a 1 % rate (need " + MIN_REQUESTS + ")",
          evidence);
    }
    return new Verdict(Outcome.PASSED, k + " errors in " + n + " requests (" + evidence.get("rate") + ")", List.of(), evidence);
  }

  private static String firstProblem(TimingSession session) {
    return session.samples().stream().filter(s -> s.relayTimeline().isEmpty() || Double.isNaN(s.relayTimeline().get().ttftMs()))
        .findFirst().map(s -> "first failed exchange through the relay: " + s.relay().summary()).orElse("no first token directly");
  }

  private static String errorType(Exchange e) {
    return e.json().map(j -> j.path("error").path("type").asText("")).filter(t -> !t.isEmpty()).map(t -> ": " + t).orElse("");
  }

  private static double medianTtft(List<StreamTimeline> timelines) {
    double[] v = timelines.stream().mapToDouble(StreamTimeline::ttftMs).filter(x -> !Double.isNaN(x)).toArray();
    return v.length == 0 ? Double.NaN : new Median().evaluate(v);
  }

  private static double setting(RunContext run, String key, double fallback) {
    return run.setting(key).map(v -> {
      try {
        return Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }).orElse(fallback);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
