package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trial's verdict rules (docs/trial.md) on synthetic check outcomes and figures: each rule both
 * ways, and the verdict shown first in every human report, with relay text escaped.
 */
class TrialVerdictTests {
  private static final List<String> TRIAL = List.of("core", "claude-code", "trial");

  private static Report.CheckEntry check(String id, String area, String severity, String status, String message) {
    return new Report.CheckEntry(id, "title of " + id, severity, "core", area, status, message, "r", "h", "d", "u", false, null,
        null, Map.of(), List.of());
  }

  private static Map<String, Object> task(String id, String status, String reason) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", id);
    t.put("status", status);
    t.put("reason", reason);
    t.put("wallMs", 1200);
    t.put("requests", 2);
    t.put("ttftMs", List.of(40, 50));
    t.put("errors", List.of());
    return t;
  }

  /** metrics with a trial that ran every task: given error rate and median TTFT. */
  private static Map<String, Object> metrics(double errorRate, long p50, List<Map<String, Object>> tasks) {
    Map<String, Object> trial = new LinkedHashMap<>();
    trial.put("tasks", tasks);
    trial.put("requests", 10);
    trial.put("errors", (int) Math.round(errorRate * 10));
    trial.put("errorRate", errorRate);
    trial.put("ttftP50Ms", p50);
    trial.put("ttftP95Ms", p50 * 2);
    trial.put("spentUsd", 0.01);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trial", trial);
    return m;
  }

  private static List<Map<String, Object>> allPassed() {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (String id : List.of("qa", "code-reading", "code-edit", "long-context", "continue", "retry-after-overloaded")) {
      tasks.add(task(id, "passed", ""));
    }
    return tasks;
  }

  private static List<Report.CheckEntry> passing() {
    return new ArrayList<>(List.of(check("SSE-010", "SSE", "MUST", "passed", null), check("CC-150", "CC", "MUST", "passed", null),
        check("ID-010", "ID", "MUST", "passed", null), check("BILL-040", "BILL", "MUST", "passed", null)));
  }

  @Test
  void noTrialProfileMeansNoTrialObject() {
    assertThat(TrialVerdict.of(passing(), List.of("core"), "hermetic", metrics(0, 30, allPassed()))).isNull();
  }

  @Test
  void everythingPassedIsReadyAndNamesTheAreasThatDidNotRun() {
    Report.Trial t = TrialVerdict.of(passing(), TRIAL, "hermetic", metrics(0, 30, allPassed()));
    assertThat(t.verdict()).isEqualTo("ready");
    assertThat(t.headline()).isEqualTo("ready for daily use");
    assertThat(t.reasons()).isEmpty();
    assertThat(t.notMeasured()).containsExactly("PERF", "CTX", "SEC");
    assertThat(t.tasks()).hasSize(6);
    assertThat(t.cannotSee()).anyMatch(s -> s.contains("logged")).anyMatch(s -> s.contains("upstream key"));
    assertThat(t.figures()).containsEntry("ttftP50Ms", 30L).containsKey("costBasis");
  }

  @Test
  void anyFailedMustCheckMeansDoNotUseNamingIt() {
    for (String[] c : new String[][] {{"SEC-010", "SEC"}, {"ID-020", "ID"}, {"BILL-040", "BILL"}, {"SSE-010", "SSE"},
        {"CC-170", "CC"}}) {
      List<Report.CheckEntry> checks = passing();
      checks.add(check(c[0], c[1], "MUST", "failed", c[0] + ": task code-edit failed: node --test still fails"));
      Report.Trial t = TrialVerdict.of(checks, TRIAL, "hermetic", metrics(0, 30, allPassed()));
      assertThat(t.verdict()).as(c[0]).isEqualTo("do-not-use");
      assertThat(t.headline()).startsWith("do not use: " + c[0]);
      assertThat(t.reasons()).singleElement().asString().contains(c[0]).contains("code-edit");
    }
  }

  @Test
  void aWaivedMustFailureDoesNotDecide() {
    List<Report.CheckEntry> checks = passing();
    checks.add(new Report.CheckEntry("SEC-010", "t", "MUST", "security", "SEC", "failed", "m", "r", "h", "d", "u", true, "known",
        null, Map.of(), List.of()));
    assertThat(TrialVerdict.of(checks, TRIAL, "hermetic", metrics(0, 30, allPassed())).verdict()).isEqualTo("ready");
  }

  @Test
  void shouldFailuresAndInconclusiveIdentityOrBillingMeanCaution() {
    List<Report.CheckEntry> checks = passing();
    checks.add(check("CC-200", "CC", "SHOULD", "failed", "CC-200: the 529 reached Claude Code as 500 api_error"));
    checks.add(check("ID-020", "ID", "MUST", "inconclusive", "power 0.31 below 0.5"));
    checks.add(check("BILL-040", "BILL", "MUST", "inconclusive", "the balance did not move"));
    checks.add(check("PERF-020", "PERF", "SHOULD", "inconclusive", "loaded machine"));
    Report.Trial t = TrialVerdict.of(checks, TRIAL, "live", metrics(0, 30, allPassed()));
    assertThat(t.verdict()).isEqualTo("caution");
    assertThat(t.headline()).startsWith("usable with caution: CC-200");
    assertThat(t.reasons()).hasSize(3).anyMatch(r -> r.contains("ID-020 is inconclusive (power 0.31"))
        .anyMatch(r -> r.startsWith("BILL-040 is inconclusive")).noneMatch(r -> r.contains("PERF-020"));
  }

  @Test
  void aHighErrorRateOrASlowRelayMeansCautionWithTheFigures() {
    Report.Trial errors = TrialVerdict.of(passing(), TRIAL, "hermetic", metrics(0.2, 30, allPassed()));
    assertThat(errors.verdict()).isEqualTo("caution");
    assertThat(errors.reasons()).singleElement().asString().contains("20.0 % of the trial's requests failed (2 of 10)");

    Report.Trial slow = TrialVerdict.of(passing(), TRIAL, "hermetic", metrics(0, 1_300, allPassed()));
    assertThat(slow.verdict()).isEqualTo("caution");
    assertThat(slow.reasons()).singleElement().asString().contains("median time to first token 1300 ms, p95 2600 ms");
    assertThat(TrialVerdict.of(passing(), TRIAL, "live", metrics(0, 1_300, allPassed())).verdict())
        .as("live, the model's own latency counts: a second is normal").isEqualTo("ready");
    assertThat(TrialVerdict.of(passing(), TRIAL, "hermetic", metrics(0.01, 999, allPassed())).verdict())
        .as("at the bounds").isEqualTo("ready");
  }

  @Test
  void tasksThatDidNotRunAreNeverReady() {
    List<Report.CheckEntry> checks = passing();
    checks.set(1, check("CC-150", "CC", "MUST", "skipped", "the trial's Claude Code tasks need the CLI, which is not installed"));
    Report.Trial none = TrialVerdict.of(checks, TRIAL, "hermetic", Map.of());
    assertThat(none.verdict()).isEqualTo("caution");
    assertThat(none.reasons()).singleElement().asString().contains("the Claude Code tasks were not run").contains("not installed");

    List<Map<String, Object>> tasks = allPassed();
    tasks.set(3, task("long-context", "skipped", "not run: the trial's budget (--max-cost-usd) was spent"));
    Report.Trial budget = TrialVerdict.of(passing(), TRIAL, "live", metrics(0, 30, tasks));
    assertThat(budget.verdict()).isEqualTo("caution");
    assertThat(budget.reasons()).singleElement().asString().contains("long-context did not complete: the budget");
  }

  @Test
  void theVerdictComesFirstInEveryHumanReportAndRelayTextIsEscaped() {
    List<Map<String, Object>> tasks = allPassed();
    tasks.set(2, task("code-edit", "failed", "<script>alert(1)</script> | `x`"));
    List<Report.CheckEntry> checks = passing();
    checks.add(check("CC-170", "CC", "MUST", "failed", "CC-170: task code-edit failed: <script>alert(1)</script>"));
    Report.Trial trial = TrialVerdict.of(checks, TRIAL, "hermetic", metrics(0, 30, tasks));
    Report r = new Report(1, "relay-tck", "v", "hermetic", "http://127.0.0.1:1", "s", 1, TRIAL, false, "failed", 1, checks,
        null, List.of(), Report.Counts.ZERO, trial);

    String console = new ConsoleVerdict().render(r, null);
    assertThat(console.lines().findFirst().orElseThrow()).startsWith("TRIAL: do not use: CC-170");
    String md = new SummaryMarkdown().render(r);
    assertThat(md).startsWith("## ⛔ Trial: do not use: CC-170");
    assertThat(md).doesNotContain("<script>");
    String html = new HtmlReport().render(r);
    assertThat(html.indexOf("id=\"trial-verdict\"")).isPositive().isLessThan(html.indexOf("<main>"));
    assertThat(html).contains("id=\"trial-tasks\"").contains("id=\"cannot-see\"").contains("id=\"trial-ttft\"")
        .doesNotContain("<script>alert");
  }

  @Test
  void theMatrixShowsTrialVerdictsSideBySide() {
    Report ready = new Report(1, "relay-tck", "v", "hermetic", "http://a", "s", 1, TRIAL, false, "passed", 0, passing(), null,
        List.of(), Report.Counts.ZERO, TrialVerdict.of(passing(), TRIAL, "hermetic", metrics(0, 30, allPassed())));
    Report slow = new Report(1, "relay-tck", "v", "hermetic", "http://b", "s", 1, TRIAL, false, "passed", 0, passing(), null,
        List.of(), Report.Counts.ZERO, TrialVerdict.of(passing(), TRIAL, "hermetic", metrics(0, 1_500, allPassed())));
    MatrixReport m = new MatrixReport(MatrixReport.columns(List.of(ready, slow), List.of("a.json", "b.json")));
    assertThat(m.renderText().lines().filter(l -> l.startsWith("trial ")).findFirst().orElseThrow().split("\\s+"))
        .containsExactly("trial", "ready", "caution");
    assertThat(m.renderText()).contains("[2] trial: usable with caution: slow: median time to first token 1500 ms");
    assertThat(m.renderHtml()).contains("<tr><th>trial verdict</th>");
  }
}
