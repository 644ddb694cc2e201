package dev.relaytck.recordings.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sets of recordings: the ones shipped in this jar, or a folder in the on-disk format.
 * Recordings are returned sorted by scenario id.
 */
public final class Recordings {
  /** Classpath folder of the bundled recordings. */
  public static final String BUNDLED_ROOT = "relay-tck/recordings/";
  /**
   * Lists the bundled scenarios, one per line: a jar cannot be listed portably, so the
   * importer writes this file beside {@code mappings/}.
   */
  public static final String INDEX = "index.txt";

  private Recordings() {}

  /** The recordings shipped as resources of this module. */
  public static List<Recording> bundled() {
    ClassLoader loader = Recordings.class.getClassLoader();
    byte[] index = resource(loader, BUNDLED_ROOT + INDEX);
    if (index == null) {
      throw new RecordingFormatException("no " + BUNDLED_ROOT + INDEX + " on the classpath: the recordings jar is incomplete");
    }
    List<Recording> out = new ArrayList<>();
    for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
      String scenario = line.strip();
      if (scenario.isEmpty() || scenario.startsWith("#")) {
        continue;
      }
      String name = RecordingStore.MAPPINGS + "/" + scenario + ".json";
      byte[] mapping = resource(loader, BUNDLED_ROOT + name);
      if (mapping == null) {
        throw new RecordingFormatException(INDEX + " names " + scenario + " but " + name + " is not on the classpath");
      }
      out.add(RecordingStore.read(name, mapping,
          file -> resource(loader, BUNDLED_ROOT + RecordingStore.FILES + "/" + file)));
    }
    return out;
  }

  /** Every recording under {@code dir} ({@code dir/mappings/*.json} with {@code dir/__files/}). */
  public static List<Recording> load(Path dir) {
    Path mappings = dir.resolve(RecordingStore.MAPPINGS);
    if (!Files.isDirectory(mappings)) {
      throw new RecordingFormatException(dir + " has no " + RecordingStore.MAPPINGS + "/ folder: not a recordings folder");
    }
    Path files = dir.resolve(RecordingStore.FILES);
    List<Recording> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(mappings)) {
      for (Path mapping : list.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.add(RecordingStore.read(mapping.toString(), Files.readAllBytes(mapping), name -> file(files.resolve(name))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read recordings under " + dir, e);
    }
    return out;
  }

  /** Writes {@code index.txt} listing the scenarios of {@code recordings}, for {@link #bundled()}. */
  public static void writeIndex(List<Recording> recordings, Path dir) {
    StringBuilder text = new StringBuilder();
    recordings.stream().map(Recording::scenario).sorted().forEach(s -> text.append(s).append('\n'));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(INDEX), text.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(INDEX), e);
    }
  }

  private static byte[] file(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
