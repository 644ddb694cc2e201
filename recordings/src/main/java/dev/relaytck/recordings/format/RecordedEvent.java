package dev.relaytck.recordings.format;

/**
 * One SSE event of a recorded stream: its exact bytes (field lines and the blank line that
 * ends it, server padding included) and when it arrived, in ms after the response headers.
 */
public record RecordedEvent(long offsetMs, byte[] bytes) {}
