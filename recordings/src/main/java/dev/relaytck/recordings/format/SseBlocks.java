package dev.relaytck.recordings.format;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a recorded SSE body into its events: each block of lines ends with a blank line, and
 * keeps its bytes exactly (field lines, comments, padding, the terminating blank line), so
 * that the blocks joined again are the file. Bytes after the last blank line form a last,
 * unterminated block. LF, CRLF and CR line endings are all recognised.
 */
public final class SseBlocks {
  private SseBlocks() {}

  public static List<byte[]> split(byte[] body) {
    List<byte[]> blocks = new ArrayList<>();
    int blockStart = 0;
    int lineStart = 0;
    int i = 0;
    while (i < body.length) {
      byte b = body[i];
      if (b == '\n' || b == '\r') {
        int lineEnd = i;
        i += (b == '\r' && i + 1 < body.length && body[i + 1] == '\n') ? 2 : 1;
        if (lineEnd == lineStart) {
          blocks.add(Arrays.copyOfRange(body, blockStart, i));
          blockStart = i;
        }
        lineStart = i;
      } else {
        i++;
      }
    }
    if (blockStart < body.length) {
      blocks.add(Arrays.copyOfRange(body, blockStart, body.length));
    }
    return blocks;
  }

  public static byte[] join(List<RecordedEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    events.forEach(e -> out.writeBytes(e.bytes()));
    return out.toByteArray();
  }
}
