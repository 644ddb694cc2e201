package dev.relaytck.target;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * How large a gzip body decodes, counted without holding the decoded bytes and never past a
 * limit: how the client tells a gzip bomb (a few megabytes that inflate to gigabytes) from a
 * compressed response before any check decodes it.
 */
final class GzipSize {
  private GzipSize() {}

  /** The decoded size of the gzip body in {@code chunks}, counted up to {@code limit}; 0 when it is not gzip at all. */
  static long atMost(List<Chunk> chunks, long limit) {
    InputStream raw = new SequenceInputStream(Collections.enumeration(
        chunks.stream().map(c -> (InputStream) new ByteArrayInputStream(c.bytes())).toList()));
    byte[] scratch = new byte[64 * 1024];
    long total = 0;
    try (InputStream in = new GZIPInputStream(raw, scratch.length)) {
      int n;
      while (total < limit && (n = in.read(scratch)) > 0) total += n;
    } catch (IOException e) {
      // Not decodable: the checks report that (HDR-080); its size is not the question here.
    }
    return total;
  }
}
