package dev.relaytck.stream;

import dev.relaytck.schema.WireSchemas;
import dev.relaytck.sse.SseParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Validates a captured response body of unknown kind: looks at its first bytes to tell a raw
 * SSE stream from a JSON body, then streams an SSE body through {@link SseParser} and
 * {@link StreamValidator} chunk by chunk (a huge capture is never held in memory) or hands a
 * JSON body to {@link JsonBodyValidator}. A gzip body is decoded first, as a client that
 * accepted gzip would.
 */
public final class ResponseValidator {
  private static final int SNIFF = 4096;
  private static final int CHUNK = 64 * 1024;
  /** No Messages API JSON response comes near this; a bigger "JSON body" is not one. */
  private static final long MAX_JSON_BYTES = 256L * 1024 * 1024;

  private final WireSchemas schemas;

  public ResponseValidator() {
    this(WireSchemas.bundled());
  }

  public ResponseValidator(WireSchemas schemas) {
    this.schemas = schemas;
  }

  /** Validates a whole SSE body given as bytes, in one chunk. */
  public ValidationReport validateStream(byte[] body) {
    StreamValidator validator = new StreamValidator(schemas);
    SseParser parser = new SseParser(validator);
    long now = System.nanoTime();
    parser.feed(body, now);
    parser.end(now);
    return validator.finish(parser.position());
  }

  /**
   * Reads {@code in} to its end and validates what it holds.
   *
   * @throws UnreadableBodyException when the body is empty, binary, or neither SSE nor JSON
   */
  public ValidationReport validate(InputStream in) throws IOException, UnreadableBodyException {
    BufferedInputStream buffered = new BufferedInputStream(in, CHUNK);
    byte[] head = peek(buffered);
    if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
      buffered = new BufferedInputStream(new GZIPInputStream(buffered, CHUNK), CHUNK);
      head = peek(buffered);
    }
    switch (sniff(head)) {
      case SSE -> {
        return streamSse(buffered);
      }
      case JSON -> {
        CountingInputStream counted = new CountingInputStream(buffered, MAX_JSON_BYTES);
        ValidationReport report = new JsonBodyValidator(schemas).validate(counted, -1);
        return new ValidationReport(report.kind(), report.violations(), 0, counted.count(), report.message(), report.error());
      }
      default -> throw new AssertionError();
    }
  }

  private ValidationReport streamSse(InputStream in) throws IOException {
    StreamValidator validator = new StreamValidator(schemas);
    SseParser parser = new SseParser(validator);
    byte[] chunk = new byte[CHUNK];
    int n;
    while ((n = in.read(chunk)) > 0) {
      parser.feed(chunk, 0, n, System.nanoTime());
    }
    parser.end(System.nanoTime());
    return validator.finish(parser.position());
  }

  private static byte[] peek(BufferedInputStream in) throws IOException {
    in.mark(SNIFF);
    byte[] head = in.readNBytes(SNIFF);
    in.reset();
    return head;
  }

  /** Decides from the first bytes; see the class comment. */
  static ValidationReport.BodyKind sniff(byte[] head) throws UnreadableBodyException {
    int i = 0;
    if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    if (i == head.length) {
      throw new UnreadableBodyException(head.length == 0 ? "the file is empty" : "the file holds only whitespace");
    }
    int controls = 0;
    for (byte b : head) {
      if (b == 0 || (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
        controls++;
      }
    }
    if (controls > 0) {
      throw new UnreadableBodyException("the file is binary (" + controls + " control byte(s) in its first "
          + head.length + " bytes), neither an SSE stream nor JSON");
    }
    byte first = head[i];
    if (first == '{' || first == '[') {
      return ValidationReport.BodyKind.JSON;
    }
    String start = new String(head, i, Math.min(head.length - i, 16), java.nio.charset.StandardCharsets.UTF_8);
    for (String field : new String[] {"event:", "data:", "id:", "retry:", ":"}) {
      if (start.startsWith(field)) {
        return ValidationReport.BodyKind.SSE;
      }
    }
    String line = start.lines().findFirst().orElse("");
    throw new UnreadableBodyException("neither an SSE stream (event:/data: lines) nor a JSON body: it starts with \""
        + line + (line.length() == 16 ? "..." : "") + "\"");
  }

  /** Stops a runaway "JSON body" before it exhausts memory. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private final long limit;
    private long count;

    CountingInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) add(1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) add(n);
      return n;
    }

    private void add(int n) throws IOException {
      count += n;
      if (count > limit) {
        throw new IOException("the JSON body exceeds " + (limit >> 20) + " MiB; no Messages API response is that large");
      }
    }
  }
}
