package dev.relaytck.recordings.cassette;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared corpus, found through the {@code relaytck.corpusDir} system property (set by the parent POM). */
final class CorpusDir {
  private CorpusDir() {}

  /** The corpus folder; skips the calling test, saying why, when the machine has none. */
  static Path require() {
    String property = System.getProperty("relaytck.corpusDir");
    Assumptions.assumeTrue(property != null && !property.isBlank(),
        "skipped: system property relaytck.corpusDir is not set (the corpus is not part of the project)");
    Path dir = Path.of(property).toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("manifest.json")),
        "skipped: no corpus at " + dir + " (relaytck.corpusDir); it holds the published recordings");
    return dir;
  }
}
