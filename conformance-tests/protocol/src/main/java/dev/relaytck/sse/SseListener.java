package dev.relaytck.sse;

import dev.relaytck.catalog.Violation;

/** Receives what an incremental SSE parser finds, in stream order. */
public interface SseListener {
  void onEvent(SseEvent event);

  /** A framing violation (invalid UTF-8, stray bytes after the last event, ...), with its byte offset. */
  void onViolation(Violation violation);

  /** A comment line ({@code : ...}); legal and ignored by clients, reported for evidence only. */
  default void onComment(long byteOffset, String text) {}
}
