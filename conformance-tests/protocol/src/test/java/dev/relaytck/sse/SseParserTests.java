package dev.relaytck.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.SseCheck;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One test per rule of the WHATWG "event stream interpretation" the parser implements. */
class SseParserTests {

  private static RecordingListener parse(byte[]... chunks) {
    RecordingListener listener = new RecordingListener();
    SseParser parser = new SseParser(listener);
    long t = 1000;
    for (byte[] chunk : chunks) {
      parser.feed(chunk, t++);
    }
    parser.end(t);
    return listener;
  }

  private static RecordingListener parse(String text) {
    return parse(text.getBytes(UTF_8));
  }

  private static byte[][] oneByteChunks(byte[] bytes) {
    byte[][] chunks = new byte[bytes.length][];
    for (int i = 0; i < bytes.length; i++) {
      chunks[i] = new byte[] {bytes[i]};
    }
    return chunks;
  }

  @Test
  @DisplayName("LF, CR and CRLF line endings give the same events")
  void lineEndings() {
    String lf = "event: a\ndata: 1\n\nevent: b\ndata: 2\n\n";
    for (String ending : List.of("\n", "\r", "\r\n")) {
      RecordingListener l = parse(lf.replace("\n", ending));
      assertThat(l.violations).isEmpty();
      assertThat(l.events).extracting(SseEvent::event).containsExactly("a", "b");
      assertThat(l.events).extracting(SseEvent::data).containsExactly("1", "2");
    }
  }

  @Test
  @DisplayName("a CR ending one chunk and an LF starting the next are one line ending")
  void crlfSplitAcrossChunks() {
    RecordingListener l = parse("event: a\r".getBytes(UTF_8), "\ndata: 1\r".getBytes(UTF_8), "\n\r".getBytes(UTF_8),
        "\nevent: b\r\ndata: 2\r\n\r\n".getBytes(UTF_8));
    assertThat(l.violations).isEmpty();
    assertThat(l.events).extracting(SseEvent::event).containsExactly("a", "b");
    assertThat(l.events.get(1).byteOffset()).isEqualTo("event: a\r\ndata: 1\r\n\r\n".length());
  }

  @Test
  @DisplayName("comment lines are reported, never events")
  void comments() {
    RecordingListener l = parse(": keep-alive\n\n:\nevent: a\n: inside\ndata: 1\n\n");
    assertThat(l.events).hasSize(1);
    assertThat(l.events.get(0).data()).isEqualTo("1");
    assertThat(l.comments).containsExactly(" keep-alive", "", " inside");
    assertThat(l.commentOffsets.get(0)).isZero();
    assertThat(l.violations).isEmpty();
  }

  @Test
  @DisplayName("several data lines are joined with LF")
  void multiLineData() {
    RecordingListener l = parse("data: {\"a\":\ndata: 1}\ndata:\n\n");
    assertThat(l.events.get(0).data()).isEqualTo("{\"a\":\n1}\n");
  }

  @Test
  @DisplayName("only one space after the colon is removed")
  void oneLeadingSpace() {
    RecordingListener l = parse("event:x\ndata:  two\n\nevent: y\ndata:none\n\n");
    assertThat(l.events).extracting(SseEvent::event).containsExactly("x", "y");
    assertThat(l.events).extracting(SseEvent::data).containsExactly(" two", "none");
  }

  @Test
  @DisplayName("a line without a colon is a field with an empty value")
  void fieldWithoutColon() {
    RecordingListener l = parse("event\ndata\n\n");
    assertThat(l.events).hasSize(1);
    assertThat(l.events.get(0).event()).isEmpty();
    assertThat(l.events.get(0).data()).isEmpty();
  }

  @Test
  @DisplayName("an empty data: line still dispatches an event with empty data")
  void emptyData() {
    RecordingListener l = parse("data:\n\n");
    assertThat(l.events).singleElement().extracting(SseEvent::data).isEqualTo("");
  }

  @Test
  @DisplayName("id persists across events, an id holding NUL is ignored, retry only takes digits")
  void idAndRetry() {
    RecordingListener l = parse("id: 7\nretry: 1500\ndata: a\n\nid: x\0y\nretry: 1s\ndata: b\n\n");
    assertThat(l.events).extracting(SseEvent::id).containsExactly("7", "7");
    assertThat(l.events).extracting(SseEvent::retry).containsExactly(1500L, null);
  }

  @Test
  @DisplayName("blocks with only id, retry or unknown fields are not events; event: without data is")
  void whatDispatches() {
    RecordingListener l = parse("retry: 10\n\nfoo: bar\n\nid: 1\n\nevent: ping\n\n");
    assertThat(l.events).singleElement().satisfies(e -> {
      assertThat(e.event()).isEqualTo("ping");
      assertThat(e.data()).isNull();
      assertThat(e.index()).isZero();
    });
  }

  @Test
  @DisplayName("a leading UTF-8 BOM is skipped, even split across chunks")
  void bom() {
    byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "event: a\ndata: 1\n\n".getBytes(UTF_8));
    RecordingListener whole = parse(body);
    RecordingListener split = parse(oneByteChunks(body));
    assertThat(whole.events).extracting(SseEvent::event).containsExactly("a");
    assertThat(split.events).extracting(SseEvent::event).containsExactly("a");
    assertThat(whole.events.get(0).byteOffset()).isEqualTo(3);
    assertThat(whole.violations).isEmpty();
    // A BOM anywhere else is not skipped: it becomes part of the field name.
    RecordingListener second = parse("data: 1\n\n\uFEFFevent: a\ndata: 2\n\n");
    assertThat(second.events.get(1).event()).isNull();
  }

  @Test
  @DisplayName("a UTF-8 character split across chunks is decoded whole")
  void splitMultibyte() {
    byte[] body = "event: a\ndata: {\"t\":\"Pelé 🦅\"}\n\n".getBytes(UTF_8);
    RecordingListener l = parse(oneByteChunks(body));
    assertThat(l.violations).isEmpty();
    assertThat(l.events.get(0).data()).isEqualTo("{\"t\":\"Pelé 🦅\"}");
  }

  @Test
  @DisplayName("[SSE-050] invalid UTF-8 is reported with the byte offset of the bad byte")
  void invalidUtf8() {
    byte[] prefix = "event: a\ndata: ab".getBytes(UTF_8);
    byte[] body = concat(prefix, new byte[] {(byte) 0xC3, 'x'}, "\n\n".getBytes(UTF_8));
    RecordingListener l = parse(body);
    assertThat(l.violations).singleElement().satisfies(v -> {
      assertThat(v.check()).isEqualTo(SseCheck.SSE_050);
      assertThat(v.location().byteOffset()).isEqualTo(prefix.length);
      assertThat(v.message()).contains("byte " + prefix.length).contains("0xC3");
    });
    assertThat(l.events.get(0).data()).isEqualTo("ab\uFFFDx");
    for (byte[] bad : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
      assertThat(parse(concat("data: ".getBytes(UTF_8), bad, "\n\n".getBytes(UTF_8))).violations)
          .as(Arrays.toString(bad)).extracting(v -> v.check()).contains(SseCheck.SSE_050);
    }
  }

  @Test
  @DisplayName("[SSE-050] invalid UTF-8 is found in every kind of line; a literal U+FFFD is valid UTF-8")
  void invalidUtf8EverywhereButNotInLiteralReplacementCharacter() {
    byte[] bad = {(byte) 0xE2, (byte) 0x82};
    for (String prefix : List.of(": comment ", "event: a", "id: 1", "retry: 1", "x-unknown: ", "data: {")) {
      byte[] p = prefix.getBytes(UTF_8);
      RecordingListener l = parse(concat(p, bad, "\ndata: 1\n\n".getBytes(UTF_8)));
      assertThat(l.violations).as(prefix).singleElement().satisfies(v -> {
        assertThat(v.check()).isEqualTo(SseCheck.SSE_050);
        assertThat(v.location().byteOffset()).isEqualTo(p.length);
      });
    }
    assertThat(parse("data: {\"t\":\"\uFFFD\"}\n\n").violations).isEmpty();
  }

  @Test
  @DisplayName("[SSE-060] an event without its blank line at the end is reported and discarded")
  void unterminatedEvent() {
    RecordingListener l = parse("event: a\ndata: 1\n\nevent: b\ndata: 2\n");
    assertThat(l.events).extracting(SseEvent::event).containsExactly("a");
    assertThat(l.violations).singleElement().satisfies(v -> {
      assertThat(v.check()).isEqualTo(SseCheck.SSE_060);
      assertThat(v.location().byteOffset()).isEqualTo(18);
      assertThat(v.message()).contains("byte 18").contains("without the blank line");
    });
  }

  @Test
  @DisplayName("[SSE-060] a partial line at the end is reported with its text")
  void partialLine() {
    RecordingListener l = parse("event: a\ndata: 1\n\nevent: b\ndata: {\"type\":\"mess");
    assertThat(l.events).hasSize(1);
    assertThat(l.violations).singleElement().satisfies(v -> {
      assertThat(v.check()).isEqualTo(SseCheck.SSE_060);
      assertThat(v.location().byteOffset()).isEqualTo(18);
      assertThat(v.message()).contains("data: {\\\"type\\\"".replace("\\", "")).contains("without its line ending");
    });
  }

  @Test
  @DisplayName("[SSE-060] a comment line after the last event discards nothing and is not a truncation")
  void keepAliveCommentAfterTheLastEvent() {
    // Per the WHATWG rules nothing is discarded: only an unfinished event with fields is a truncation.
    assertThat(parse("event: a\ndata: 1\n\n: keep-alive\n").violations).isEmpty();
    assertThat(parse("event: a\ndata: 1\n\n: keep-alive").violations).isEmpty();
    assertThat(parse(oneByteChunks("event: a\r\ndata: 1\r\n\r\n: keep-alive\r\n".getBytes(UTF_8))).violations).isEmpty();
    // A comment followed by a field line that never ends is still one.
    assertThat(parse("event: a\ndata: 1\n\n: keep-alive\ndata: 2\n").violations).singleElement()
        .satisfies(v -> assertThat(v.check()).isEqualTo(SseCheck.SSE_060));
  }

  @Test
  @DisplayName("extra blank lines between events and at the end are harmless")
  void extraBlankLines() {
    RecordingListener l = parse("\n\nevent: a\ndata: 1\n\n\n\n");
    assertThat(l.events).hasSize(1);
    assertThat(l.violations).isEmpty();
  }

  @Test
  @DisplayName("each event records its byte offset, byte length and arrival time")
  void offsetsAndTiming() {
    byte[] first = "event: a\ndata: 1\n".getBytes(UTF_8);
    byte[] second = "\n: c\nevent: b\ndata: 22\n\n".getBytes(UTF_8);
    RecordingListener l = new RecordingListener();
    SseParser parser = new SseParser(l);
    parser.feed(first, 100);
    parser.feed(second, 200);
    parser.end(300);
    assertThat(l.events.get(0)).satisfies(e -> {
      assertThat(e.byteOffset()).isZero();
      assertThat(e.byteLength()).isEqualTo(18);
      assertThat(e.arrivalNanos()).isEqualTo(200);
    });
    assertThat(l.events.get(1)).satisfies(e -> {
      assertThat(e.index()).isEqualTo(1);
      assertThat(e.byteOffset()).isEqualTo(22);
      assertThat(e.byteLength()).isEqualTo(19);
    });
    assertThat(parser.position()).isEqualTo(first.length + second.length);
    assertThat(parser.eventCount()).isEqualTo(2);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
