package dev.relaytck.recordings.format;

import java.util.List;
import java.util.Map;

/**
 * The recorded response: status, headers with secrets removed, and either a body (JSON)
 * or, for a stream, its events with their arrival offsets.
 */
public record RecordedResponse(int status, Map<String, List<String>> headers, byte[] body, List<RecordedEvent> events) {}
