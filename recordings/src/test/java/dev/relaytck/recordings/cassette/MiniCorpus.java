package dev.relaytck.recordings.cassette;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small corpus under src/test/resources/minicorpus: one file per format the reader knows. */
final class MiniCorpus {
  private MiniCorpus() {}

  static Path dir() {
    try {
      return Path.of(MiniCorpus.class.getClassLoader().getResource("minicorpus/manifest.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
