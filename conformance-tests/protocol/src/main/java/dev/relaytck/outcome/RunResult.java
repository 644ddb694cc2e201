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
 */
public record RunResult(
    String version, String mode, String target, Instant startedAt, long durationMs,
    List<String> profiles, boolean strict, List<CheckResult> checks, Map<String, Object> metrics) {}
