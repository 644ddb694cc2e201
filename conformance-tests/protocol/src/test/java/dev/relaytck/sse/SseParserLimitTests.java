package dev.relaytck.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.SseCheck;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The parser holds a bounded amount whatever the stream: a line longer than its limit is reported
 * and dropped (never held whole, never truncated into a made-up value), and so are data lines
 * that add up past it; the events around them are parsed as usual.
 */
class SseParserLimitTests {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void anOverlongLineIsReportedAndDroppedAndTheNextEventStillArrives() {
    RecordingListener l = new RecordingListener();
    SseParser p = new SseParser(l, 64);
    p.feed(ascii("event: ping\ndata: "), 1);
    byte[] flood = new byte[10_000];
    java.util.Arrays.fill(flood, (byte) 'x');
    for (int i = 0; i < 100; i++) p.feed(flood, 2); // a megabyte of one line, in chunks
    p.feed(ascii("\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\n"), 3);
    p.end(4);

    assertThat(l.violations).hasSize(1);
    assertThat(l.violations.get(0).check()).isEqualTo(SseCheck.SSE_030);
    assertThat(l.violations.get(0).message()).contains("a line of 1000006 bytes, longer than the kit's limit of 64 bytes");
    assertThat(l.events).extracting(SseEvent::data).containsExactly(null, "{\"type\":\"ping\"}");
  }

  @Test
  void dataLinesThatAddUpPastTheLimitAreReportedOnce() {
    RecordingListener l = new RecordingListener();
    SseParser p = new SseParser(l, 64);
    p.feed(ascii("event: x\n"), 1);
    for (int i = 0; i < 1000; i++) p.feed(ascii("data: 0123456789\n"), 2);
    p.feed(ascii("\n"), 3);
    p.end(4);

    assertThat(l.violations).singleElement().satisfies(v -> assertThat(v.message()).contains("data lines add up to more than"));
    assertThat(l.events).singleElement().satisfies(e -> assertThat(e.data().length()).isLessThan(64));
  }
}
