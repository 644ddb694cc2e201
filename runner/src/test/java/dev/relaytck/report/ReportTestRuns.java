package dev.relaytck.report;

import java.io.IOException;
import java.nio.file.Path;

/** Report directories written from the sample runs, for the command tests of other packages. */
public final class ReportTestRuns {
  private ReportTestRuns() {}

  public static Path writeFaithful(Path dir) throws IOException {
    return ReportWriter.ofCatalog(SampleRuns.scrubber()).write(SampleRuns.faithful(), dir).dir();
  }

  public static Path writeFailing(Path dir) throws IOException {
    return ReportWriter.ofCatalog(SampleRuns.scrubber()).write(SampleRuns.failing(), dir).dir();
  }

  /** Faithful, but the first event takes 400 ms instead of 120 ms. */
  public static Path writeSlow(Path dir) throws IOException {
    return ReportWriter.ofCatalog(SampleRuns.scrubber()).write(SampleRuns.faithful(400, 1000), dir).dir();
  }
}
