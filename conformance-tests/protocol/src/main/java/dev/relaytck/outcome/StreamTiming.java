package dev.relaytck.outcome;

import java.util.List;

/**
 * When a streamed response arrived, measured at the client: time to the response headers,
 * to the first SSE event, to the end, and every event's offset (ms after the request was sent).
 */
public record StreamTiming(double headersMs, double firstEventMs, double totalMs, List<Double> eventOffsetsMs) {}
