package dev.relaytck.sse;

import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.SseCheck;
import dev.relaytck.catalog.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental, byte-level parser of a {@code text/event-stream} body following the WHATWG HTML
 * "event stream interpretation" rules. Feed it the bytes as they arrive, in chunks of any size;
 * it keeps only the current line and the fields of the current event, never the whole stream.
 *
 * <p>What it implements, and why it works on bytes rather than on decoded text:
 * <ul>
 *   <li>LF, CR and CRLF end a line; a CR at the end of one chunk and an LF at the start of the
 *       next are one line ending, so it remembers the last byte across {@link #feed} calls;</li>
 *   <li>a line is decoded only once it is complete, so a UTF-8 character split across chunks is
 *       decoded whole; a byte sequence that is not UTF-8 is reported (SSE-050) with its offset
 *       and decoded as U+FFFD, as a browser would;</li>
 *   <li>one leading UTF-8 BOM is skipped; comment lines ({@code :...}) are reported to
 *       {@link SseListener#onComment} and otherwise ignored;</li>
 *   <li>{@code event}, {@code data} (several lines joined by LF), {@code id} (ignored when it
 *       holds NUL), {@code retry} (only ASCII digits); a line without a colon is a field with an
 *       empty value; one space after the colon is removed; unknown fields are ignored;</li>
 *   <li>a blank line dispatches the event. Unlike a browser, a block with an {@code event:}
 *       field but no {@code data:} is still dispatched (with null data): an SDK sees it and fails
 *       on it, so a validator must see it too. Blocks holding only {@code id}, {@code retry} or
 *       unknown fields are not events;</li>
 *   <li>at {@link #end}, a partial line or an event without its terminating blank line is
 *       reported (SSE-060) and, as the standard says, discarded.</li>
 * </ul>
 *
 * <p>Not thread-safe: one parser per stream.
 */
public final class SseParser {
  private static final byte CR = '\r';
  private static final byte LF = '\n';

  /**
   * The longest line (and the longest data of one event) the parser holds by default: 16 MiB,
   * far above any real event, so that a stream of one endless line costs bounded memory.
   */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;

  private final SseListener listener;
  private final int maxLineBytes;
  /** Bytes of the current line beyond {@link #maxLineBytes}, dropped unread. */
  private long lineOverflow;
  /** Whether the current event's data already went over the limit (reported once per event). */
  private boolean dataOverflow;

  private byte[] line = new byte[256];
  private int lineLength;
  private long lineStart;
  private boolean lastWasCr;
  private boolean bomChecked;
  private long position;
  private boolean ended;

  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};
  private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};

  /** The first data line of the current event; most events have only this one. */
  private String firstData;
  /** All data lines joined by LF, once a second one arrived. */
  private StringBuilder moreData;
  private boolean hasData;
  private String eventType;
  private String id;
  private Long retry;
  /** Offset of the first field line of the event being built, or -1 when no field arrived yet. */
  private long eventStart = -1;
  /** Offset of the first line (field or comment) since the last blank line, for SSE-060. */
  private long blockStart = -1;
  private int eventCount;

  public SseParser(SseListener listener) {
    this(listener, DEFAULT_MAX_LINE_BYTES);
  }

  /** A parser that holds at most {@code maxLineBytes} of a line or of an event's data; the rest is reported and dropped. */
  public SseParser(SseListener listener, int maxLineBytes) {
    if (maxLineBytes < 1) throw new IllegalArgumentException("maxLineBytes must be > 0");
    this.listener = listener;
    this.maxLineBytes = maxLineBytes;
  }

  public void feed(byte[] chunk, long arrivalNanos) {
    feed(chunk, 0, chunk.length, arrivalNanos);
  }

  /** Consumes {@code length} bytes of the body that arrived at {@code arrivalNanos} ({@link System#nanoTime()}). */
  public void feed(byte[] chunk, int offset, int length, long arrivalNanos) {
    if (ended) {
      throw new IllegalStateException("feed after end of stream");
    }
    if (length == 0) {
      return;
    }
    int end = offset + length;
    int i = offset;
    if (lastWasCr && i < end && chunk[i] == LF) {
      // Second half of a CRLF split across two chunks: that line already ended.
      i++;
      lineStart = position + 1;
    }
    lastWasCr = false;
    int segmentStart = i;
    while (i < end) {
      // Tight scan to the next line ending: most bytes of a stream are inside data lines.
      byte b = chunk[i];
      if (b != LF && b != CR) {
        i++;
        continue;
      }
      append(chunk, segmentStart, i - segmentStart);
      processLine(position + (i - offset) + 1, arrivalNanos);
      i++;
      if (b == CR) {
        if (i == end) {
          lastWasCr = true;
        } else if (chunk[i] == LF) {
          i++;
        }
      }
      segmentStart = i;
      lineStart = position + (i - offset);
    }
    append(chunk, segmentStart, end - segmentStart);
    position += length;
  }

  /**
   * Ends the stream. An event with fields that never got its blank line, or a partial field
   * line, is reported (SSE-060) and discarded, as a client would discard it. Comment lines after
   * the last event (a keep-alive) discard nothing, per the WHATWG rules, and are not reported.
   */
  public void end(long arrivalNanos) {
    if (ended) {
      return;
    }
    ended = true;
    boolean partialField = lineLength > 0 && !partialComment();
    if (partialField || eventStart >= 0) {
      long start = eventStart >= 0 ? eventStart : lineStart;
      String what = lineLength > 0
          ? "a line without its line ending: " + preview(decode(0, lineLength))
          : "an event without the blank line that ends it";
      listener.onViolation(Violation.of(SseCheck.SSE_060, Location.byteOffset(start),
          "the stream ends inside an event: the last " + (position - start) + " byte(s), from byte " + start
              + ", hold " + what + "; a client discards them",
          "a blank line ending the last event", "end of stream"));
    }
  }

  /** Whether the unterminated last line is a comment (after an optional byte order mark at the very start). */
  private boolean partialComment() {
    int from = !bomChecked && lineLength >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF ? 3 : 0;
    return lineLength > from && line[from] == ':';
  }

  /** Bytes consumed so far. */
  public long position() {
    return position;
  }

  /** Events dispatched so far. */
  public int eventCount() {
    return eventCount;
  }

  private void append(byte[] chunk, int from, int length) {
    if (length <= 0) {
      return;
    }
    if (lineLength + length > maxLineBytes) {
      int kept = maxLineBytes - lineLength;
      lineOverflow += length - kept;
      length = kept;
      if (length <= 0) return;
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    System.arraycopy(chunk, from, line, lineLength, length);
    lineLength += length;
  }

  private void processLine(long lineEnd, long arrivalNanos) {
    if (lineOverflow > 0) {
      // Too long to hold: reported, then dropped whole (a truncated field would be a made-up value).
      listener.onViolation(Violation.of(SseCheck.SSE_030, Location.byteOffset(lineStart),
          "a line of " + (lineLength + lineOverflow) + " bytes, longer than the kit's limit of " + maxLineBytes
              + " bytes; it was not read: " + preview(decode(0, Math.min(lineLength, 64))),
          "lines of one event each", "a line of " + (lineLength + lineOverflow) + " bytes"));
      lineOverflow = 0;
      lineLength = 0;
      return;
    }
    int from = 0;
    if (!bomChecked) {
      bomChecked = true;
      if (lineLength >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
        from = 3;
      }
    }
    if (lineLength - from == 0) {
      lineLength = 0;
      dispatch(lineEnd, arrivalNanos);
      return;
    }
    if (blockStart < 0) {
      blockStart = lineStart + from;
    }
    if (line[from] == ':') {
      String comment = decode(from + 1, lineLength);
      checkUtf8(from, comment);
      listener.onComment(lineStart + from, comment);
      lineLength = 0;
      return;
    }
    int colon = -1;
    for (int k = from; k < lineLength; k++) {
      if (line[k] == ':') {
        colon = k;
        break;
      }
    }
    int nameEnd = colon < 0 ? lineLength : colon;
    int valueFrom = colon < 0 ? lineLength : colon + 1;
    if (valueFrom < lineLength && line[valueFrom] == ' ') {
      valueFrom++;
    }
    // Field names are compared as bytes: no String per line for the name.
    if (nameIs(from, nameEnd, DATA)) {
      String value = decode(valueFrom, lineLength);
      checkUtf8(from, value);
      if (!hasData) {
        firstData = value;
        hasData = true;
      } else {
        // A second data line: only now is a builder worth it (Anthropic sends one line per event).
        if (moreData == null) {
          moreData = new StringBuilder();
        }
        if (moreData.length() == 0) {
          moreData.append(firstData);
        }
        if (moreData.length() + value.length() < maxLineBytes) {
          moreData.append('\n').append(value);
        } else if (!dataOverflow) {
          dataOverflow = true;
          listener.onViolation(Violation.of(SseCheck.SSE_030, Location.byteOffset(lineStart),
              "an event whose data lines add up to more than the kit's limit of " + maxLineBytes + " bytes; the rest was not read",
              "events of a reasonable size", "more than " + maxLineBytes + " bytes of data"));
        }
      }
      markEventStart(from);
    } else if (nameIs(from, nameEnd, EVENT)) {
      eventType = decode(valueFrom, lineLength);
      checkUtf8(from, eventType);
      markEventStart(from);
    } else if (nameIs(from, nameEnd, ID)) {
      String value = decode(valueFrom, lineLength);
      checkUtf8(from, value);
      if (value.indexOf('\0') < 0) {
        id = value;
      }
    } else {
      // retry and unknown fields (ignored by the standard, and here) are still bytes of the stream.
      reportInvalidUtf8(from);
      if (nameIs(from, nameEnd, RETRY) && digits(valueFrom)) {
        retry = Long.valueOf(decode(valueFrom, lineLength));
      }
    }
    lineLength = 0;
  }

  private void markEventStart(int from) {
    if (eventStart < 0) {
      eventStart = lineStart + from;
    }
  }

  private boolean digits(int from) {
    if (from >= lineLength || lineLength - from > 18) {
      return false;
    }
    for (int k = from; k < lineLength; k++) {
      if (line[k] < '0' || line[k] > '9') {
        return false;
      }
    }
    return true;
  }

  private void dispatch(long lineEnd, long arrivalNanos) {
    if (eventStart >= 0 && (hasData || eventType != null)) {
      String payload = null;
      if (hasData) {
        // The standard joins data lines with LF (and drops the trailing LF it appended).
        payload = moreData != null && moreData.length() > 0 ? moreData.toString() : firstData;
      }
      long length = lineEnd - eventStart;
      listener.onEvent(new SseEvent(eventCount++, eventStart, (int) Math.min(Integer.MAX_VALUE, length),
          arrivalNanos, eventType, payload, id, retry));
    }
    firstData = null;
    dataOverflow = false;
    if (moreData != null) {
      moreData.setLength(0);
    }
    hasData = false;
    eventType = null;
    retry = null;
    eventStart = -1;
    blockStart = -1;
    // The last event ID persists across events, as in the standard.
  }

  private boolean nameIs(int from, int to, byte[] name) {
    if (to - from != name.length) {
      return false;
    }
    for (int k = 0; k < name.length; k++) {
      if (line[from + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  private String decode(int from, int to) {
    return new String(line, from, to - from, StandardCharsets.UTF_8);
  }

  private static String preview(String s) {
    return s.length() <= 60 ? "\"" + s + "\"" : "\"" + s.substring(0, 60) + "...\"";
  }

  /**
   * Validates the current line's UTF-8 only when its decoded value hints at a problem: the
   * decoder turns every malformed sequence into U+FFFD, so a value without U+FFFD (after a
   * known, ASCII field name) came from valid bytes. This keeps a second pass over the bytes
   * off the common path.
   */
  private void checkUtf8(int from, String decoded) {
    if (decoded.indexOf('\uFFFD') >= 0) {
      reportInvalidUtf8(from);
    }
  }

  /** Reports the first byte of each malformed UTF-8 sequence of the current line. */
  private void reportInvalidUtf8(int from) {
    int k = from;
    while (k < lineLength) {
      int b = line[k] & 0xFF;
      if (b < 0x80) {
        k++;
        continue;
      }
      int need;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        invalid(k, "byte 0x" + hex(b) + " cannot start a UTF-8 character");
        k++;
        continue;
      }
      int cp = b & (0x3F >> need);
      int j = 1;
      for (; j <= need && k + j < lineLength; j++) {
        int c = line[k + j] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          break;
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (j <= need) {
        invalid(k, "the UTF-8 sequence starting with 0x" + hex(b) + " is cut short after " + j + " byte(s)");
        k += j;
        continue;
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        invalid(k, "overlong, surrogate or out-of-range UTF-8 sequence starting with 0x" + hex(b));
      }
      k += need + 1;
    }
  }

  private void invalid(int index, String what) {
    long offset = lineStart + index;
    listener.onViolation(Violation.of(SseCheck.SSE_050, Location.byteOffset(offset),
        "invalid UTF-8 at byte " + offset + ": " + what, "valid UTF-8", what));
  }

  private static String hex(int b) {
    return String.format("%02X", b);
  }
}
