package dev.relaytck.report;

import java.nio.file.Path;

/** A report.json that cannot be read: missing, not JSON, or not a relay-tck report (exit code 2). */
public final class UnreadableReportException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnreadableReportException(Path file, String reason) {
    super(file + ": " + reason);
  }
}
