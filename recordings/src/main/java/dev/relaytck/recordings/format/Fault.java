package dev.relaytck.recordings.format;

/**
 * A fault the replay upstream injects for a scenario, instead of or into the recorded response.
 *
 * @param kind {@code status} (answer with {@link #status} and the matching Anthropic error body),
 *     {@code error-event} (an SSE error event after {@link #afterEvents} events),
 *     {@code close} (drop the connection after {@link #afterEvents} events),
 *     {@code stall} (pause {@link #millis} ms after {@link #afterEvents} events),
 *     {@code drip} (send every event's bytes slowly, {@link #millis} ms apart)
 */
public record Fault(String kind, int status, String errorType, int afterEvents, long millis) {}
