package dev.relaytck.scenario;

import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import java.util.List;

/** The recordings bundled in the recordings module: the default scenario catalog. */
public final class BundledRecordings implements RecordingSource {
  @Override
  public List<Recording> recordings() {
    return Recordings.bundled();
  }
}
