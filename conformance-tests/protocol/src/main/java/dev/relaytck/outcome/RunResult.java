package dev.relaytck.outcome;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run found; the report writers turn it into report.json, junit.xml,
 * report.html and summary.md.
 *
 * @param mode {@code hermetic} or {@code live}
 * @param profiles the profiles that were run
 * @param metrics JSON-able run metrics (timing per streaming scenario, counts by outcome and area)
 * @param exchanges the raw exchanges the scenarios refer to by {@link ExchangeRecord#id()}; the
 *     report keeps those behind failing checks
 */
public record RunResult(
    String version, String mode, String target, Instant startedAt, long durationMs,
    List<String> profiles, boolean strict, List<CheckResult> checks, Map<String, Object> metrics,
    List<ExchangeRecord> exchanges) {

  public RunResult {
    profiles = profiles == null ? List.of() : profiles;
    checks = checks == null ? List.of() : checks;
    metrics = metrics == null ? Map.of() : metrics;
    exchanges = exchanges == null ? List.of() : exchanges;
  }

  public RunResult(
      String version, String mode, String target, Instant startedAt, long durationMs,
      List<String> profiles, boolean strict, List<CheckResult> checks, Map<String, Object> metrics) {
    this(version, mode, target, startedAt, durationMs, profiles, strict, checks, metrics, List.of());
  }
}
