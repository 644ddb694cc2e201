package dev.relaytck.target;

import dev.relaytck.catalog.SseCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.sse.SseListener;
import dev.relaytck.sse.SseParser;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of a received {@code text/event-stream} body, read by the protocol core's
 * {@link SseParser} (the project's one framing implementation: WHATWG line ends, comments,
 * BOM, multi-line data) fed chunk by chunk, so each event carries the arrival time of the chunk
 * that completed it.
 *
 * @param events dispatched events in order (an {@code event:} block without {@code data:} is
 *     dispatched with null data, as the parser reports it: SSE-030 finds it)
 * @param comments number of comment lines seen
 * @param trailingOffset byte offset where bytes after the last dispatched event begin that did
 *     not form a complete event (a cut stream), or {@code -1}
 */
public record StreamFraming(List<SseEvent> events, int comments, long trailingOffset) {

  /**
   * Frames {@code body}; {@code chunks} are the raw chunks as they arrived. When the body was
   * content-decoded (it differs from the chunks' bytes), it is fed whole at the last arrival.
   */
  public static StreamFraming parse(byte[] body, List<Chunk> chunks) {
    List<SseEvent> events = new ArrayList<>();
    int[] comments = {0};
    long[] trailing = {-1};
    SseParser parser = new SseParser(new SseListener() {
      @Override
      public void onEvent(SseEvent event) {
        events.add(event);
      }

      @Override
      public void onViolation(Violation violation) {
        // Invalid UTF-8 is SSE-050's own finding (read from the bytes); only the cut end matters here.
        if (violation.check() == SseCheck.SSE_060 && violation.location().byteOffset() != null) {
          trailing[0] = violation.location().byteOffset();
        }
      }

      @Override
      public void onComment(long byteOffset, String text) {
        comments[0]++;
      }
    });
    long last = chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).arrivalNanos();
    long fed = 0;
    for (Chunk c : chunks) fed += c.bytes().length;
    if (fed == body.length) {
      for (Chunk c : chunks) parser.feed(c.bytes(), c.arrivalNanos());
    } else {
      parser.feed(body, last);
    }
    parser.end(last);
    return new StreamFraming(List.copyOf(events), comments[0], trailing[0]);
  }
}
