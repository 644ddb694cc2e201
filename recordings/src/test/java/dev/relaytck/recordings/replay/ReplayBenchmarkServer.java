package dev.relaytck.recordings.replay;

import java.io.IOException;
import java.util.List;

/**
 * The replay server side of {@link ReplayBenchmark}, in a process of its own so the load
 * generator's work is not counted against the server's timing. Arguments:
 * {@code streams|json JOURNAL_ENTRIES MAX_THREADS}. Prints {@code listening on URL}, serves until
 * its standard input closes (the benchmark ends or dies).
 */
public final class ReplayBenchmarkServer {
  private ReplayBenchmarkServer() {}

  public static void main(String[] args) throws IOException {
    boolean streams = args[0].equals("streams");
    int journal = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    ReplayOptions options = streams
        ? ReplayOptions.of(List.of(ReplayBenchmark.paced())).withJournalEntries(journal).withMaxThreads(threads)
        : ReplayOptions.of(List.of(ReplayBenchmark.json())).withTimeScale(0).withJournalEntries(journal).withMaxThreads(threads);
    try (ReplayServer server = ReplayServer.start(options)) {
      System.out.println("listening on " + server.baseUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the benchmark to close our input
      }
    }
  }
}
