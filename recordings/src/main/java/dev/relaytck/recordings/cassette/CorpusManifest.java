package dev.relaytck.recordings.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The corpus's own description of itself: {@code manifest.json} (format, flags and features per
 * file) and, from {@code MANIFEST.md}, each source repository's commit and licence.
 */
public final class CorpusManifest {
  // "### owner/repo" then "- snapshot commit: `sha` (date); license: **SPDX (note)**"
  private static final Pattern SOURCE_HEADING = Pattern.compile("(?m)^### ([\\w.-]+/[\\w.-]+)\\s*$");
  private static final Pattern SNAPSHOT =
      Pattern.compile("snapshot commit: `([0-9a-f]{40})`[^;]*; license: \\*\\*([^*]+)\\*\\*");

  private final Path dir;
  private final Map<String, ManifestEntry> entries;
  private final Map<String, SourceRepository> sources;

  private CorpusManifest(Path dir, Map<String, ManifestEntry> entries, Map<String, SourceRepository> sources) {
    this.dir = dir;
    this.entries = entries;
    this.sources = sources;
  }

  /** Reads {@code manifest.json} and {@code MANIFEST.md} in {@code corpusDir}. */
  public static CorpusManifest read(Path corpusDir) {
    Path json = corpusDir.resolve("manifest.json");
    if (!Files.isRegularFile(json)) {
      throw new CorpusException("no manifest.json in " + corpusDir + ": not a relay-tck corpus folder");
    }
    try {
      JsonNode root = new ObjectMapper().readTree(json.toFile());
      Map<String, ManifestEntry> entries = new LinkedHashMap<>();
      for (JsonNode file : root) {
        ManifestEntry entry = new ManifestEntry(
            file.path("path").asText(),
            file.path("source").asText(),
            file.path("format").isTextual() ? file.path("format").asText() : null,
            file.path("n").asInt(),
            strings(file.path("statuses")),
            file.path("commit").asText(),
            strings(file.path("flags")),
            strings(file.path("feats")));
        entries.put(entry.path(), entry);
      }
      return new CorpusManifest(corpusDir, Collections.unmodifiableMap(entries), readSources(corpusDir));
    } catch (IOException e) {
      throw new CorpusException("unreadable " + json + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, SourceRepository> readSources(Path corpusDir) throws IOException {
    Path md = corpusDir.resolve("MANIFEST.md");
    Map<String, SourceRepository> sources = new LinkedHashMap<>();
    if (!Files.isRegularFile(md)) {
      return sources;
    }
    String text = Files.readString(md);
    Matcher heading = SOURCE_HEADING.matcher(text);
    while (heading.find()) {
      String repository = heading.group(1);
      Matcher snapshot = SNAPSHOT.matcher(text);
      if (!snapshot.find(heading.end())) {
        continue;
      }
      String folder = repository.replace("/", "__");
      sources.put(folder, new SourceRepository(
          folder, repository, snapshot.group(1), spdx(snapshot.group(2)), licenseFiles(corpusDir.resolve(folder))));
    }
    return Collections.unmodifiableMap(sources);
  }

  /** "Apache-2.0 OR BSD-3-Clause (dual)" becomes "Apache-2.0 OR BSD-3-Clause". */
  private static String spdx(String license) {
    return license.replaceAll("\\s*\\(.*\\)\\s*$", "").strip();
  }

  private static List<String> licenseFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().toUpperCase(Locale.ROOT).startsWith("LICENSE"))
          .map(f -> folder.getFileName() + "/" + f.getFileName())
          .sorted()
          .toList();
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  /**
   * Flags of the manifest that mean "not produced by the API": invented message ids and files
   * edited by hand. A duplicate of a real recording is not one of them.
   */
  static boolean isSynthesizedFlag(String flag) {
    String f = flag.toLowerCase(Locale.ROOT);
    return f.contains("non-api message id") || f.contains("hand-copied") || f.contains("edited")
        || f.contains("synthesized");
  }

  public Path dir() {
    return dir;
  }

  /** Every file, in the manifest's order. */
  public List<ManifestEntry> entries() {
    return List.copyOf(entries.values());
  }

  public ManifestEntry entry(String path) {
    ManifestEntry entry = entries.get(path);
    if (entry == null) {
      throw new CorpusException("the corpus manifest lists no file " + path);
    }
    return entry;
  }

  /** The source repository of a corpus folder; {@code null} when MANIFEST.md does not name it. */
  public SourceRepository source(String folder) {
    return sources.get(folder);
  }

  public Map<String, SourceRepository> sources() {
    return sources;
  }
}
