package dev.relaytck.outcome;

import dev.relaytck.catalog.Check;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one check over every scenario it applies to: it fails when any scenario
 * fails, and {@link #scenarios} says which (DESIGN.md, report.json).
 *
 * @param waiver the justification from {@code --waivers} when a failure is waived, else {@code null}
 */
public record CheckResult(
    Check check, Outcome outcome, String message, Map<String, Object> evidence,
    List<ScenarioResult> scenarios, String waiver) {}
