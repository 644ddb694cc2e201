package dev.relaytck.sse;

import dev.relaytck.catalog.Violation;
import java.util.ArrayList;
import java.util.List;

/** Collects what a parser reports, for assertions. */
final class RecordingListener implements SseListener {
  final List<SseEvent> events = new ArrayList<>();
  final List<Violation> violations = new ArrayList<>();
  final List<String> comments = new ArrayList<>();
  final List<Long> commentOffsets = new ArrayList<>();

  @Override
  public void onEvent(SseEvent event) {
    events.add(event);
  }

  @Override
  public void onViolation(Violation violation) {
    violations.add(violation);
  }

  @Override
  public void onComment(long byteOffset, String text) {
    comments.add(text);
    commentOffsets.add(byteOffset);
  }
}
