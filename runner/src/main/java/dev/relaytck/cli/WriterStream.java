package dev.relaytck.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The console progress writers print to a {@code PrintStream}; picocli gives commands a
 * {@code PrintWriter} (which tests capture). This passes UTF-8 bytes through to the writer,
 * whole on every flush, so a multibyte character is never split.
 */
final class WriterStream extends OutputStream {
  private final PrintWriter writer;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  WriterStream(PrintWriter writer) {
    this.writer = writer;
  }

  @Override
  public synchronized void write(int b) {
    pending.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    pending.write(b, off, len);
  }

  @Override
  public synchronized void flush() {
    if (pending.size() > 0) {
      writer.write(pending.toString(StandardCharsets.UTF_8));
      pending.reset();
    }
    writer.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
