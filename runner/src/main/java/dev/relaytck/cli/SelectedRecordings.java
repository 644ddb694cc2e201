package dev.relaytck.cli;

import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.scenario.RecordingSource;
import java.util.List;
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

  /** Publishes {@code recordings} until the returned handle is closed. */
  static AutoCloseable publish(List<Recording> recordings) {
    CURRENT.set(List.copyOf(recordings));
    return () -> CURRENT.set(null);
  }
}
