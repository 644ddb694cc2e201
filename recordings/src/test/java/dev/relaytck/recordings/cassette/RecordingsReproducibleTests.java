package dev.relaytck.recordings.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed recordings are exactly what {@code relay-tck import} makes from the corpus and
 * the committed selection: nobody edits them by hand. When this fails after a deliberate change,
 * re-run {@code ./relay-tck import --corpus ../shared/corpus --out recordings/src/main/resources/relay-tck/recordings}.
 */
class RecordingsReproducibleTests {
  private static final Path COMMITTED = Path.of("src/main/resources/relay-tck/recordings");

  @Test
  void importerReproducesTheCommittedRecordingsByteForByte(@TempDir Path out) throws IOException {
    Path corpus = CorpusDir.require();

    new CassetteImporter(CorpusReader.open(corpus), ImportSelection.read(Path.of("src/main/resources/" + ImportSelection.RESOURCE)))
        .writeTo(out);

    Map<String, byte[]> expected = files(COMMITTED);
    Map<String, byte[]> actual = files(out);
    assertThat(actual.keySet()).as("files written by the importer").containsExactlyElementsOf(expected.keySet());
    expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name + " differs from the importer's output").isEqualTo(bytes));
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return out;
  }
}
