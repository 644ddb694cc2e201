package dev.relaytck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.catalog.CheckSpec;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.RunResult;
import dev.relaytck.outcome.ScenarioResult;
import dev.relaytck.outcome.StreamTiming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link RunResult} into the {@link Report} every output is rendered from. */
public final class ReportBuilder {
  private final Certification certification;
  private final ObjectMapper mapper = ReportJson.mapper();

  public ReportBuilder(Certification certification) {
    this.certification = certification;
  }

  public static ReportBuilder ofCatalog() {
    return new ReportBuilder(Certification.ofCatalog());
  }

  public Report build(RunResult run) {
    List<Report.CheckEntry> checks = new ArrayList<>();
    for (CheckResult r : run.checks()) {
      checks.add(entry(r));
    }
    int exitCode = ExitStatus.of(run);
    Map<String, Object> figures = new LinkedHashMap<>(jsonable(run.metrics()));
    List<String> profiles = List.copyOf(certification.profilesOf(run));
    // The trial's figures go into the top-level trial object, with its verdict, not twice.
    Report.Trial trial = TrialVerdict.of(checks, profiles, run.mode(), figures);
    figures.remove("trial");
    return new Report(
        Report.SCHEMA_VERSION, Report.TOOL, run.version() == null ? "dev" : run.version(), run.mode(),
        run.target() == null ? "" : run.target(),
        run.startedAt() == null ? null : run.startedAt().toString(), Math.max(0, run.durationMs()),
        profiles,
        run.strict(), ExitStatus.verdict(exitCode), exitCode, checks,
        new Report.Metrics(counts(checks), countsByArea(checks), streams(run), figures),
        certification.certified(run), counts(checks), trial);
  }

  /** Where the exchange behind a failing scenario is written, relative to the report directory. */
  static String exchangeLink(String id) {
    return "exchanges/" + ExchangeWriter.fileName(id);
  }

  private Report.CheckEntry entry(CheckResult r) {
    CheckSpec spec = r.check().spec();
    List<Report.ScenarioEntry> scenarios = new ArrayList<>();
    Map<String, Object> firstFailureEvidence = null;
    String firstFailureMessage = null;
    for (ScenarioResult s : r.scenarios()) {
      boolean failing = s.outcome() == Outcome.FAILED || s.outcome() == Outcome.ERROR;
      String link = null;
      if (s.exchange() != null && failing) {
        link = exchangeLink(s.exchange());
      }
      Map<String, Object> evidence = jsonable(s.evidence());
      if (failing && firstFailureEvidence == null && !evidence.isEmpty()) firstFailureEvidence = evidence;
      if (failing && firstFailureMessage == null && s.message() != null) {
        firstFailureMessage = s.scenario() + ": " + s.message();
      }
      scenarios.add(new Report.ScenarioEntry(s.scenario(), s.outcome().wireName(), s.message(), evidence, link,
          s.durationMs() > 0 ? Math.round(s.durationMs() * 10) / 10.0 : null));
    }
    Map<String, Object> evidence = jsonable(r.evidence());
    if (evidence.isEmpty() && firstFailureEvidence != null) evidence = firstFailureEvidence;
    String message = r.message() != null ? r.message() : firstFailureMessage;
    Report.Skip skip = r.outcome() == Outcome.SKIPPED
        ? new Report.Skip(r.skipBasis().wireName(), r.skipBasis().tolerated(), message)
        : null;
    return new Report.CheckEntry(
        spec.id(), spec.title(), spec.severity().name(), spec.profile(), spec.area().name(),
        r.outcome().wireName(), message, spec.requirement(), spec.hint(), spec.docRef(), spec.docUrl(),
        r.waived(), r.waived() ? r.waiver() : null, skip, evidence, scenarios);
  }

  static Report.Counts counts(List<Report.CheckEntry> checks) {
    int passed = 0, failed = 0, skipped = 0, inconclusive = 0, errors = 0, waived = 0;
    for (Report.CheckEntry c : checks) {
      if (c.waived()) {
        waived++;
        continue;
      }
      switch (c.status()) {
        case "passed" -> passed++;
        case "failed" -> failed++;
        case "skipped" -> skipped++;
        case "inconclusive" -> inconclusive++;
        case "error" -> errors++;
        default -> { }
      }
    }
    return new Report.Counts(passed, failed, skipped, inconclusive, errors, waived);
  }

  private static Map<String, Report.Counts> countsByArea(List<Report.CheckEntry> checks) {
    Map<String, List<Report.CheckEntry>> byArea = new LinkedHashMap<>();
    checks.forEach(c -> byArea.computeIfAbsent(c.area(), a -> new ArrayList<>()).add(c));
    Map<String, Report.Counts> out = new LinkedHashMap<>();
    byArea.forEach((area, list) -> out.put(area, counts(list)));
    return out;
  }

  /** One entry per streamed scenario with events (several checks read the same exchange: the first timing wins). */
  private static List<Report.StreamMetric> streams(RunResult run) {
    Map<String, Report.StreamMetric> byScenario = new LinkedHashMap<>();
    for (CheckResult r : run.checks()) {
      for (ScenarioResult s : r.scenarios()) {
        StreamTiming t = s.timing();
        // A stream in which no event arrived (cut, flooded with one endless line) has no timing to show.
        if (t == null || t.firstEventMs() < 0 || byScenario.containsKey(s.scenario())) continue;
        List<Double> offsets = t.eventOffsetsMs() == null ? List.of() : List.copyOf(t.eventOffsetsMs());
        byScenario.put(s.scenario(), new Report.StreamMetric(
            s.scenario(), t.headersMs(), t.firstEventMs(), t.totalMs(), offsets.size(), maxGap(offsets), offsets));
      }
    }
    return List.copyOf(byScenario.values());
  }

  static double maxGap(List<Double> offsets) {
    double max = 0;
    for (int i = 1; i < offsets.size(); i++) {
      max = Math.max(max, offsets.get(i) - offsets.get(i - 1));
    }
    return max;
  }

  /**
   * Evidence and metrics come from checks as arbitrary objects (records such as Location,
   * enums): turn them into plain JSON maps now, so every renderer and the reader see the same.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> jsonable(Map<String, Object> value) {
    if (value == null || value.isEmpty()) return Map.of();
    try {
      return mapper.convertValue(value, LinkedHashMap.class);
    } catch (IllegalArgumentException e) {
      Map<String, Object> fallback = new LinkedHashMap<>();
      value.forEach((k, v) -> fallback.put(k, String.valueOf(v)));
      return fallback;
    }
  }
}
