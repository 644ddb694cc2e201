package dev.relaytck.outcome;

import dev.relaytck.catalog.Check;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one check over every scenario it applies to: it fails when any scenario
 * fails, and {@link #scenarios} says which (docs/contract.md, report.json).
 *
 * @param waiver the justification from {@code --waivers} when a failure is waived, else {@code null}
 * @param skipBasis for a skipped check, whether the skip is one certification tolerates
 *     ({@link SkipBasis#NONE} otherwise); {@link #message} carries the reason in words
 */
public record CheckResult(
    Check check, Outcome outcome, String message, Map<String, Object> evidence,
    List<ScenarioResult> scenarios, String waiver, SkipBasis skipBasis) {

  public CheckResult {
    scenarios = scenarios == null ? List.of() : scenarios;
    skipBasis = skipBasis == null ? SkipBasis.NONE : skipBasis;
  }

  public CheckResult(
      Check check, Outcome outcome, String message, Map<String, Object> evidence,
      List<ScenarioResult> scenarios, String waiver) {
    this(check, outcome, message, evidence, scenarios, waiver, SkipBasis.NONE);
  }

  /** A failure (or error) excused by {@code --waivers}: reported, never failing the run. */
  public boolean waived() {
    return waiver != null && (outcome == Outcome.FAILED || outcome == Outcome.ERROR);
  }
}
