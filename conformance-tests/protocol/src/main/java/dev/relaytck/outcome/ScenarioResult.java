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
 */
public record ScenarioResult(
    String scenario, Outcome outcome, String message, Map<String, Object> evidence,
    String exchange, StreamTiming timing) {}
