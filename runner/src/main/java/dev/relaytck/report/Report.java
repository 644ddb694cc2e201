package dev.relaytck.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code report.json} (docs/contract.md; its schema is {@code schemas/kit/report.schema.json}).
 * Written by {@link ReportJson} from a run, read back by {@code diff} and {@code matrix}; the
 * HTML, JUnit XML, Markdown and console renderings are made from it, so they never disagree.
 * Every list and map is non-null after construction, so a report of an older version with
 * fewer fields reads without surprises.
 */
public record Report(
    int schemaVersion, String tool, String version, String mode, String target, String startedAt,
    long durationMs, List<String> profiles, boolean strict, String verdict, int exitCode,
    List<CheckEntry> checks, Metrics metrics, List<String> certified, Counts summary, Trial trial) {

  public static final int SCHEMA_VERSION = 1;
  public static final String TOOL = "relay-tck";

  public Report {
    profiles = profiles == null ? List.of() : profiles;
    checks = checks == null ? List.of() : checks;
    metrics = metrics == null ? new Metrics(null, null, null, null) : metrics;
    certified = certified == null ? List.of() : certified;
    summary = summary == null ? Counts.ZERO : summary;
  }

  /** A report of a run without the trial profile. */
  public Report(int schemaVersion, String tool, String version, String mode, String target, String startedAt,
      long durationMs, List<String> profiles, boolean strict, String verdict, int exitCode,
      List<CheckEntry> checks, Metrics metrics, List<String> certified, Counts summary) {
    this(schemaVersion, tool, version, mode, target, startedAt, durationMs, profiles, strict, verdict, exitCode, checks, metrics,
        certified, summary, null);
  }

  /**
   * The small-balance trial's outcome (docs/trial.md), present when the run selected the trial
   * profile: the verdict, its reasons, the Claude Code tasks, the figures behind it, the evidence
   * areas that did not run, and what a black-box test cannot see.
   *
   * @param verdict {@code ready}, {@code caution} or {@code do-not-use}
   */
  public record Trial(String verdict, String headline, List<String> reasons, List<Map<String, Object>> tasks,
      Map<String, Object> figures, List<String> notMeasured, List<String> cannotSee) {
    public Trial {
      reasons = reasons == null ? List.of() : reasons;
      tasks = tasks == null ? List.of() : tasks;
      figures = figures == null ? Map.of() : figures;
      notMeasured = notMeasured == null ? List.of() : notMeasured;
      cannotSee = cannotSee == null ? List.of() : cannotSee;
    }
  }

  /** One check over every scenario it applies to. */
  public record CheckEntry(
      String id, String title, String severity, String profile, String area, String status,
      String message, String requirement, String hint, String docRef, String docUrl,
      boolean waived, String waiver, Skip skip, Map<String, Object> evidence,
      List<ScenarioEntry> scenarios) {

    public CheckEntry {
      scenarios = scenarios == null ? List.of() : scenarios;
      evidence = evidence == null ? Map.of() : evidence;
    }

    /** The ID, severity and title, as every report names a check: {@code [SSE-020] MUST ...}. */
    @JsonIgnore
    public String displayName() {
      return "[" + id + "] " + severity + " " + title;
    }

    /** A failure that counts against the run (waived failures don't). */
    @JsonIgnore
    public boolean failing() {
      return ("failed".equals(status) || "error".equals(status)) && !waived;
    }
  }

  /** Why a check was skipped and whether certification tolerates it. */
  public record Skip(String basis, boolean tolerated, String reason) {}

  /** One check on one scenario. */
  public record ScenarioEntry(String id, String status, String message, Map<String, Object> evidence, String exchange,
      Double durationMs) {
    public ScenarioEntry {
      evidence = evidence == null ? Map.of() : evidence;
    }

    public ScenarioEntry(String id, String status, String message, Map<String, Object> evidence, String exchange) {
      this(id, status, message, evidence, exchange, null);
    }
  }

  /** Outcome counts; {@code failed} leaves out waived failures, which {@code waived} counts. */
  public record Counts(int passed, int failed, int skipped, int inconclusive, int errors, int waived) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

    public int total() {
      return passed + failed + skipped + inconclusive + errors + waived;
    }
  }

  /** When the events of one streamed scenario arrived, at the client. */
  public record StreamMetric(
      String scenario, double headersMs, double firstEventMs, double totalMs, int events,
      double maxGapMs, List<Double> eventOffsetsMs) {
    public StreamMetric {
      eventOffsetsMs = eventOffsetsMs == null ? List.of() : eventOffsetsMs;
    }
  }

  /**
   * Run metrics: counts by outcome and by area, timing per streamed scenario, the figures of
   * the evidence areas (each absent when its checks did not run; documented in the report
   * schema), and whatever else the suite measured ({@code run}).
   */
  public record Metrics(Counts outcomes, Map<String, Counts> areas, List<StreamMetric> streams, Map<String, Object> run,
      Object latency, Object context, Object billing, Object identity, Object security) {
    /** The names under which the evidence areas publish their figures (RunContext.putMetric). */
    public static final List<String> EVIDENCE = List.of("latency", "context", "billing", "identity", "security");

    public Metrics {
      outcomes = outcomes == null ? Counts.ZERO : outcomes;
      areas = areas == null ? new LinkedHashMap<>() : areas;
      streams = streams == null ? List.of() : streams;
      run = run == null ? Map.of() : run;
    }

    public Metrics(Counts outcomes, Map<String, Counts> areas, List<StreamMetric> streams, Map<String, Object> run) {
      this(outcomes, areas, streams, without(run), evidence(run, "latency"), evidence(run, "context"),
          evidence(run, "billing"), evidence(run, "identity"), evidence(run, "security"));
    }

    private static Object evidence(Map<String, Object> run, String name) {
      return run == null ? null : run.get(name);
    }

    private static Map<String, Object> without(Map<String, Object> run) {
      if (run == null) return null;
      Map<String, Object> rest = new LinkedHashMap<>(run);
      EVIDENCE.forEach(rest::remove);
      return rest;
    }
  }
}
