package dev.relaytck.target;

import dev.relaytck.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a received {@code text/event-stream} body into events by the WHATWG event-stream
 * rules (LF, CRLF or CR line ends; {@code :} comments; one optional space after the colon;
 * a leading BOM), giving each event the arrival time of the chunk that completed it.
 *
 * <p>Deliberately small: the protocol core's incremental parser ({@code dev.relaytck.sse})
 * owns framing violations; this only lets the suite's checks read events from a capture.
 *
 * @param events dispatched events in order
 * @param comments number of comment lines seen
 * @param trailingOffset byte offset of bytes after the last dispatched event that did not form
 *     a complete event (a cut stream), or {@code -1}
 */
public record StreamFraming(List<SseEvent> events, int comments, long trailingOffset) {

  public static StreamFraming parse(byte[] body, List<Chunk> chunks) {
    long[] chunkEnds = new long[chunks.size()];
    long[] chunkTimes = new long[chunks.size()];
    long acc = 0;
    for (int i = 0; i < chunks.size(); i++) {
      acc += chunks.get(i).bytes().length;
      chunkEnds[i] = acc;
      chunkTimes[i] = chunks.get(i).arrivalNanos();
    }
    List<SseEvent> events = new ArrayList<>();
    int comments = 0;
    int pos = 0;
    if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) pos = 3;
    String event = null;
    StringBuilder data = null;
    String id = null;
    Long retry = null;
    long eventStart = -1;
    long lastDispatchEnd = pos;
    while (pos < body.length) {
      int end = pos;
      while (end < body.length && body[end] != '\n' && body[end] != '\r') end++;
      if (end == body.length) break; // an unterminated last line: not part of any event
      int next = end + 1;
      if (body[end] == '\r' && next < body.length && body[next] == '\n') next++;
      String line = new String(body, pos, end - pos, StandardCharsets.UTF_8);
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new SseEvent(events.size(), eventStart, (int) (next - eventStart), timeAt(next - 1, chunkEnds, chunkTimes),
              event, data.toString(), id, retry));
        }
        event = null;
        data = null;
        retry = null;
        eventStart = -1;
        lastDispatchEnd = next;
      } else if (line.startsWith(":")) {
        comments++;
        if (eventStart < 0 && data == null && event == null) lastDispatchEnd = next;
      } else {
        if (eventStart < 0) eventStart = pos;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
          case "event" -> event = value;
          case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          case "id" -> id = value.contains("\0") ? id : value;
          case "retry" -> retry = value.matches("\\d+") ? Long.valueOf(value) : retry;
          default -> { }
        }
      }
      pos = next;
    }
    long trailing = lastDispatchEnd < body.length ? lastDispatchEnd : -1;
    return new StreamFraming(List.copyOf(events), comments, trailing);
  }

  private static long timeAt(long byteIndex, long[] chunkEnds, long[] chunkTimes) {
    for (int i = 0; i < chunkEnds.length; i++) {
      if (byteIndex < chunkEnds[i]) return chunkTimes[i];
    }
    return chunkTimes.length == 0 ? 0 : chunkTimes[chunkTimes.length - 1];
  }
}
