package dev.relaytck.outcome;

import java.util.Map;

/**
 * The outcome of one check on one scenario.
 *
 * @param evidence JSON-able detail: {@code expected}, {@code actual}, {@code location}
 *     ({@code eventIndex}, {@code byteOffset}, {@code header}, {@code pointer}), excerpts
 * @param exchange file name, under the report's {@code exchanges/}, of the raw exchange behind
 *     it, or {@code null}
 * @param timing for streamed scenarios, when the events arrived; otherwise {@code null}
 */
public record ScenarioResult(
    String scenario, Outcome outcome, String message, Map<String, Object> evidence,
    String exchange, StreamTiming timing) {}
