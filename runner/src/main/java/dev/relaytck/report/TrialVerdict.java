package dev.relaytck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small-balance trial's verdict, by the rules of docs/trial.md, derived only from the run's
 * check outcomes (by ID, area and severity) and its figures ({@code metrics.trial} and, when their
 * areas ran, {@code metrics.latency}, {@code billing}, {@code identity}): nothing is judged here that
 * a check or a figure in the report does not show. Evidence areas that have not run are named as
 * "not measured", never counted as passed.
 */
final class TrialVerdict {
  static final String READY = "ready";
  static final String CAUTION = "caution";
  static final String DO_NOT_USE = "do-not-use";
  /** Above this share of failed requests (injected faults excluded), the trial advises caution, as PERF-050 does. */
  static final double MAX_ERROR_RATE = 0.01;
  /**
   * Above this median time to first token the trial advises caution. Hermetically the replay
   * upstream answers the CLI at once, so a second is the relay's own delay with a wide margin for a
   * loaded machine; live, the model's own latency is included, hence the larger bound.
   */
  static final long SLOW_TTFT_HERMETIC_MS = 1_000;
  static final long SLOW_TTFT_LIVE_MS = 10_000;
  /** What a black-box test cannot see (docs/contract.md; SEC-080 lists the same): the user must ask the relay. */
  static final List<String> CANNOT_SEE = List.of(
      "whether prompts, code and answers are logged, and for how long they are kept",
      "who holds the upstream key and account, and whether your traffic shares it with others",
      "whether the relay trains on, sells or shares your data",
      "what happens to your balance if the relay closes (refund policy) and how to reach support",
      "behaviour that starts later or only for some users (the trial is a sample, not a guarantee)",
      "for repositories with secrets, customer data or unreleased work: prefer the official API, an enterprise offering or a self-hosted gateway");
  private static final List<String> EVIDENCE_AREAS = List.of("ID", "BILL", "PERF", "CTX", "SEC");

  private TrialVerdict() {}

  /** The trial block of report.json, or null when the run did not select the trial profile. */
  @SuppressWarnings("unchecked")
  static Report.Trial of(List<Report.CheckEntry> checks, List<String> profiles, String mode, Map<String, Object> metrics) {
    if (!profiles.contains("trial")) return null;
    Map<String, Object> trial = metrics.get("trial") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    List<String> stop = new ArrayList<>();
    List<String> caution = new ArrayList<>();
    for (Report.CheckEntry c : checks) {
      if (c.waived()) continue;
      String what = c.id() + " " + c.title() + (c.message() == null ? "" : ": " + EvidenceText.oneLine(c.message(), 200));
      boolean failing = "failed".equals(c.status()) || "error".equals(c.status());
      if (failing && "MUST".equals(c.severity())) stop.add(what);
      else if (failing && "SHOULD".equals(c.severity())) caution.add(what);
      else if ("inconclusive".equals(c.status()) && (c.area().equals("ID") || c.area().equals("BILL"))) {
        caution.add(c.id() + " is inconclusive (" + EvidenceText.oneLine(c.message() == null ? "too little evidence" : c.message(), 160) + ")");
      }
    }
    List<Map<String, Object>> tasks = trial.get("tasks") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    if (tasks.isEmpty()) {
      String why = checks.stream().filter(c -> c.id().equals("CC-150") && c.message() != null).map(Report.CheckEntry::message)
          .findFirst().orElse("they did not run");
      caution.add("the Claude Code tasks were not run: " + why);
    }
    tasks.stream().filter(t -> "skipped".equals(t.get("status")) && String.valueOf(t.get("reason")).contains("budget"))
        .forEach(t -> caution.add("task " + t.get("id") + " did not complete: the budget (--max-cost-usd) was spent"));
    double errorRate = number(trial.get("errorRate"));
    if (errorRate > MAX_ERROR_RATE) {
      caution.add(String.format(Locale.ROOT, "%.1f %% of the trial's requests failed (%s of %s)", errorRate * 100,
          trial.get("errors"), trial.get("requests")));
    }
    long slow = "live".equals(mode) ? SLOW_TTFT_LIVE_MS : SLOW_TTFT_HERMETIC_MS;
    if (trial.get("ttftP50Ms") instanceof Number p50 && p50.longValue() > slow) {
      caution.add("slow: median time to first token " + p50.longValue() + " ms, p95 " + trial.get("ttftP95Ms")
          + " ms over " + trial.get("requests") + " requests (above " + slow + " ms)");
    }
    List<String> notMeasured = new ArrayList<>();
    for (String area : EVIDENCE_AREAS) {
      boolean ran = checks.stream().anyMatch(c -> c.area().equals(area) && !"skipped".equals(c.status()));
      if (!ran) notMeasured.add(area);
    }
    String verdict = !stop.isEmpty() ? DO_NOT_USE : !caution.isEmpty() ? CAUTION : READY;
    List<String> reasons = !stop.isEmpty() ? stop : caution;
    Map<String, Object> figures = new LinkedHashMap<>();
    for (String key : List.of("requests", "errors", "errorRate", "ttftP50Ms", "ttftP95Ms", "inputTokens", "outputTokens",
        "cacheWriteTokens", "cacheReadTokens", "spentUsd", "limitUsd", "budgetReached", "prices")) {
      if (trial.containsKey(key)) figures.put(key, trial.get(key));
    }
    if (!"live".equals(mode) && !trial.isEmpty()) {
      figures.put("costBasis", "hermetic: the replay upstream's scripted usage, priced for illustration; nothing was charged");
    }
    for (String area : List.of("latency", "billing", "identity", "context", "security")) {
      if (metrics.get(area) != null) figures.put(area, metrics.get(area));
    }
    return new Report.Trial(verdict, headline(verdict, reasons), reasons, tasks, figures, notMeasured, CANNOT_SEE);
  }

  static String headline(String verdict, List<String> reasons) {
    return switch (verdict) {
      case READY -> "ready for daily use";
      case CAUTION -> "usable with caution: " + summary(reasons);
      default -> "do not use: " + summary(reasons);
    };
  }

  /** The reasons by check ID (or their first words), short enough for one line. */
  private static String summary(List<String> reasons) {
    List<String> heads = reasons.stream().map(r -> {
      String one = EvidenceText.oneLine(r, 1_000);
      return one.length() <= 120 ? one : one.substring(0, 119) + "…";
    }).limit(3).toList();
    return String.join("; ", heads) + (reasons.size() > 3 ? "; and " + (reasons.size() - 3) + " more" : "");
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }
}
