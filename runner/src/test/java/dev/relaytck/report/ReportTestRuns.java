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

  /** Faithful with six streams whose first events take about {@code firstEventMs}. */
  public static Path writeTimed(Path dir, double firstEventMs) throws IOException {
    return ReportWriter.ofCatalog(SampleRuns.scrubber()).write(SampleRuns.timed(6, firstEventMs, firstEventMs + 800), dir).dir();
  }

}
