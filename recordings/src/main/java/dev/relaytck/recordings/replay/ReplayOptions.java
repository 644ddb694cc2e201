package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.Recording;
import java.util.List;
import java.util.Map;

/**
 * How a {@link ReplayServer} is started.
 *
 * @param host address to bind; loopback unless a gateway in a container must reach it
 * @param port port to bind; 0 picks a free one
 * @param timeScale multiplies every recorded event offset; 1 = recorded pace, 0 = as fast as possible
 * @param recordings what to serve
 * @param contentRules per scenario: rules that match requests the kit does not author (no marker)
 * @param modelMap declared model renames (recorded model -> model the relay sends upstream);
 *     when empty any model is accepted, when set a model it does not explain is a mismatch
 * @param maxThreads Jetty worker threads: WireMock holds one per open stream
 * @param journalEntries request journal capacity (oldest entries are dropped); 0 disables the journal
 */
public record ReplayOptions(
    String host, int port, double timeScale, List<Recording> recordings,
    Map<String, List<ContentRule>> contentRules, Map<String, String> modelMap,
    int maxThreads, int journalEntries) {

  public static final String LOOPBACK = "127.0.0.1";
  /**
   * Enough for every request of a full run. WireMock's in-memory journal scans its whole
   * deque on each request (docs/benchmarks-replay.md), so a bigger one costs throughput.
   */
  public static final int DEFAULT_JOURNAL_ENTRIES = 2_000;

  public ReplayOptions {
    if (timeScale < 0 || Double.isNaN(timeScale) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("time scale must be a finite number >= 0, got " + timeScale);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    if (journalEntries < 0 || maxThreads < 8) {
      throw new IllegalArgumentException("journal entries must be >= 0 and threads >= 8");
    }
    recordings = List.copyOf(recordings);
    contentRules = Map.copyOf(contentRules);
    modelMap = Map.copyOf(modelMap);
  }

  /** Loopback, a free port, recorded pace. */
  public static ReplayOptions of(List<Recording> recordings) {
    return new ReplayOptions(LOOPBACK, 0, 1.0, recordings, Map.of(), Map.of(), 512, DEFAULT_JOURNAL_ENTRIES);
  }

  public ReplayOptions withHost(String h) {
    return new ReplayOptions(h, port, timeScale, recordings, contentRules, modelMap, maxThreads, journalEntries);
  }

  public ReplayOptions withPort(int p) {
    return new ReplayOptions(host, p, timeScale, recordings, contentRules, modelMap, maxThreads, journalEntries);
  }

  public ReplayOptions withTimeScale(double t) {
    return new ReplayOptions(host, port, t, recordings, contentRules, modelMap, maxThreads, journalEntries);
  }

  public ReplayOptions withContentRules(Map<String, List<ContentRule>> rules) {
    return new ReplayOptions(host, port, timeScale, recordings, rules, modelMap, maxThreads, journalEntries);
  }

  public ReplayOptions withModelMap(Map<String, String> map) {
    return new ReplayOptions(host, port, timeScale, recordings, contentRules, map, maxThreads, journalEntries);
  }

  public ReplayOptions withMaxThreads(int n) {
    return new ReplayOptions(host, port, timeScale, recordings, contentRules, modelMap, n, journalEntries);
  }

  public ReplayOptions withJournalEntries(int n) {
    return new ReplayOptions(host, port, timeScale, recordings, contentRules, modelMap, maxThreads, n);
  }
}
