package dev.relaytck.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Telling SSE from JSON from garbage, and streaming large bodies. */
class ResponseValidatorTests {
  private static ValidationReport validate(byte[] body) throws Exception {
    return new ResponseValidator().validate(new ByteArrayInputStream(body));
  }

  @Test
  void detectsSseAndJson() throws Exception {
    assertThat(validate(Recorded.bytes("text-stream.sse")).kind()).isEqualTo(ValidationReport.BodyKind.SSE);
    assertThat(validate(Recorded.bytes("message.json")).kind()).isEqualTo(ValidationReport.BodyKind.JSON);
    byte[] bom = StreamValidatorTests.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Recorded.bytes("text-stream.sse"));
    assertThat(validate(bom).violations()).isEmpty();
    assertThat(validate(("\n: comment first\n" + new String(Recorded.bytes("text-stream.sse"), UTF_8)).getBytes(UTF_8)).violations()).isEmpty();
  }

  @Test
  void decodesGzip() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(Recorded.bytes("tool-stream.sse"));
    }
    ValidationReport report = validate(gz.toByteArray());
    assertThat(report.violations()).isEmpty();
    assertThat(report.bytes()).isEqualTo(Recorded.bytes("tool-stream.sse").length);
  }

  @Test
  void rejectsEmptyBinaryAndGarbage() {
    assertThatThrownBy(() -> validate(new byte[0])).isInstanceOf(UnreadableBodyException.class).hasMessage("the file is empty");
    assertThatThrownBy(() -> validate(" \n\n".getBytes(UTF_8))).hasMessage("the file holds only whitespace");
    assertThatThrownBy(() -> validate(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2}))
        .isInstanceOf(UnreadableBodyException.class).hasMessageContaining("binary");
    assertThatThrownBy(() -> validate("<html><body>502 Bad Gateway</body></html>".getBytes(UTF_8)))
        .isInstanceOf(UnreadableBodyException.class).hasMessageContaining("starts with \"<html><body>502 ...\"");
  }

  @Test
  void garbageBehindAnSseHeaderIsCappedNotListedByteByByte() throws Exception {
    byte[] body = new byte[200_000];
    java.util.Arrays.fill(body, (byte) 0xFF);
    byte[] header = "event: message_start\ndata: ".getBytes(UTF_8);
    System.arraycopy(header, 0, body, 0, header.length);
    for (int i = 1000; i < body.length; i += 1000) body[i] = '\n';
    ValidationReport report = validate(body);
    assertThat(report.violations()).hasSizeLessThan(400);
    assertThat(report.violations()).anyMatch(v -> v.check() == dev.relaytck.catalog.SseCheck.SSE_050
        && v.message().matches("\\d+ more SSE-050 violation\\(s\\) not listed \\(\\d+ in all\\)"));
  }

  @Test
  void streamsAHugeBodyWithoutHoldingIt() throws Exception {
    // 500,000 deltas (about 63 MB) generated on the fly: only the parser's line buffer is held.
    byte[] head = ("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}}\n\n")
        .getBytes(UTF_8);
    byte[] delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n"
        .getBytes(UTF_8);
    byte[] tail = ("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(UTF_8);
    long repeats = 500_000;
    InputStream generated = new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
        new ByteArrayInputStream(head), new RepeatingInputStream(delta, repeats), new ByteArrayInputStream(tail))));
    ValidationReport report = new ResponseValidator().validate(generated);
    assertThat(report.eventCount()).isEqualTo(repeats + 5);
    assertThat(report.violations()).isEmpty();
    assertThat(report.bytes()).isGreaterThan(60_000_000L);
  }

  /** {@code block} repeated {@code times} times, produced as it is read. */
  private static final class RepeatingInputStream extends InputStream {
    private final byte[] block;
    private long remaining;
    private int pos;

    RepeatingInputStream(byte[] block, long times) {
      this.block = block;
      this.remaining = times * block.length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) return -1;
      int n = 0;
      while (n < len && remaining > 0) {
        int k = (int) Math.min(Math.min(len - n, block.length - pos), remaining);
        System.arraycopy(block, pos, b, off + n, k);
        n += k;
        remaining -= k;
        pos = (pos + k) % block.length;
      }
      return n;
    }
  }
}
