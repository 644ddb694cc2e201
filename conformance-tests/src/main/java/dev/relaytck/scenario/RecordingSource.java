package dev.relaytck.scenario;

import dev.relaytck.recordings.format.Recording;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Where the scenario catalog's recordings come from: the recordings module's bundled
 * recordings, or the replay upstream in hermetic mode (so the two never disagree). Found with
 * {@link ServiceLoader}; the first provider that has recordings wins.
 */
public interface RecordingSource {
  /** Recordings for this run; empty when this source has none. */
  List<Recording> recordings();

  static List<Recording> discover() {
    for (RecordingSource source : ServiceLoader.load(RecordingSource.class)) {
      List<Recording> r = source.recordings();
      if (!r.isEmpty()) return r;
    }
    return List.of();
  }
}
