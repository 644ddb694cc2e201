package dev.relaytck.sse;

/**
 * One dispatched SSE event, as the WHATWG event-stream rules define it, with where and when
 * it arrived.
 *
 * @param index 0-based number of the event in the stream (comment-only blocks are not events)
 * @param byteOffset offset of the event's first byte (its first field line) in the response body
 * @param byteLength bytes from its first line up to and including the blank line that dispatched it
 * @param arrivalNanos {@link System#nanoTime()} when the dispatching blank line arrived
 * @param event value of the last {@code event:} field, or {@code null} when there was none
 * @param data the {@code data:} lines joined by LF, or {@code null} when there was no data field
 * @param id value of the last {@code id:} field, or {@code null}
 * @param retry value of a valid {@code retry:} field, or {@code null}
 */
public record SseEvent(
    int index, long byteOffset, int byteLength, long arrivalNanos,
    String event, String data, String id, Long retry) {}
