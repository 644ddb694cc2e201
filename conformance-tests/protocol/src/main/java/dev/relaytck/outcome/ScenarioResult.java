package dev.relaytck.outcome;

import java.util.Map;

/**
 * The outcome of one check on one scenario.
 *
 * @param evidence JSON-able detail: {@code expected}, {@code actual}, {@code location}
 *     ({@code eventIndex}, {@code byteOffset}, {@code header}, {@code pointer}), excerpts
 * @param exchange the {@link ExchangeRecord#id()} of the raw exchange behind it (in
 *     {@link RunResult#exchanges()}; written to {@code exchanges/<id>.json} when it failed), or {@code null}
 * @param timing for streamed scenarios, when the events arrived; otherwise {@code null}
 * @param durationMs how long the test of this check on this scenario took (0 when not measured)
 */
public record ScenarioResult(
    String scenario, Outcome outcome, String message, Map<String, Object> evidence,
    String exchange, StreamTiming timing, double durationMs) {

  public ScenarioResult(
      String scenario, Outcome outcome, String message, Map<String, Object> evidence,
      String exchange, StreamTiming timing) {
    this(scenario, outcome, message, evidence, exchange, timing, 0);
  }

  /** The same result with how long judging it took (exchanges included), in milliseconds. */
  public ScenarioResult withDuration(double ms) {
    return new ScenarioResult(scenario, outcome, message, evidence, exchange, timing, ms);
  }
}
