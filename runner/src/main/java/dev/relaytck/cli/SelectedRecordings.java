package dev.relaytck.cli;

import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.Check;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.scenario.RecordingSource;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The recordings a {@code run} uses, handed to the suite. The suite instantiates its
 * {@link RecordingSource} by class name with no arguments ({@code relaytck.recordingSource}), so
 * the run's selection (the bundled recordings, restricted to what the replay upstream serves in
 * hermetic mode) is published here for the duration of one launcher run. Without a selection,
 * and when found by ServiceLoader from a provider's own build, it gives the bundled recordings.
 */
public final class SelectedRecordings implements RecordingSource {
  private static final AtomicReference<List<Recording>> CURRENT = new AtomicReference<>();

  @Override
  public List<Recording> recordings() {
    List<Recording> selected = CURRENT.get();
    return selected != null ? selected : Recordings.bundled();
  }

  /**
   * What a run with these checks sends: the bundled recordings, plus the Claude Code scenarios
   * when a CC check is among them (profile claude-code, or endurance for CC-130). Only then: each
   * Claude Code request carries some 50 kB of system prompt and tools, which a live run pays for,
   * and which the other profiles' checks would otherwise also be evaluated on.
   */
  static List<Recording> forChecks(Collection<Check> selected) {
    boolean claudeCode = selected.stream().anyMatch(c -> c.spec().area() == Area.CC);
    return claudeCode ? known() : Recordings.bundled();
  }

  /** Every scenario the kit has a recording of: what {@code relay-tck serve} serves by default. */
  static List<Recording> known() {
    return Stream.concat(Recordings.bundled().stream(), ClaudeCodeRecordings.all().stream()).toList();
  }

  /** Publishes {@code recordings} until the returned handle is closed. */
  static AutoCloseable publish(List<Recording> recordings) {
    CURRENT.set(List.copyOf(recordings));
    return () -> CURRENT.set(null);
  }
}
