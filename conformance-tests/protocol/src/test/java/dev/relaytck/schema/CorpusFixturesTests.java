package dev.relaytck.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every response body and SSE data payload of the corpus's response-only fixtures (vercel/ai
 * {@code *.json} and {@code *.chunks.txt}, prism-php/prism {@code *.json} and {@code *.sse})
 * validates without a single VIOLATION. These need no cassette reader; the YAML cassettes are
 * covered by the ground-truth test of the recordings module. Files the manifest flags as
 * synthesized or hand-edited are not ground truth and are skipped.
 */
class CorpusFixturesTests {
  private static final List<String> SOURCES = List.of("vercel__ai", "prism-php__prism");

  @Test
  @DisplayName("real response bodies and SSE payloads of the corpus fixtures have no violation")
  void corpusFixturesHaveNoViolation() throws IOException {
    String dir = System.getProperty("relaytck.corpusDir");
    assumeTrue(dir != null && Files.isRegularFile(Path.of(dir, "manifest.json")),
        "corpus not found (system property relaytck.corpusDir=" + dir + "): nothing to validate");
    Path corpus = Path.of(dir);
    WireSchemas schemas = WireSchemas.bundled();

    Map<String, Integer> documents = new TreeMap<>();
    Map<String, Integer> extensions = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    int files = 0;
    int skipped = 0;
    for (JsonNode entry : WireSamples.JSON.readTree(corpus.resolve("manifest.json").toFile())) {
      String path = entry.path("path").asText();
      if (!SOURCES.contains(entry.path("source").asText()) || !isFixture(path)) {
        continue;
      }
      if (isSynthesized(entry.path("flags"))) {
        skipped++;
        continue;
      }
      files++;
      for (JsonNode document : documentsOf(corpus.resolve(path))) {
        WireType type = typeOf(path, document);
        documents.merge(type.name(), 1, Integer::sum);
        for (SchemaIssue issue : schemas.validate(type, document)) {
          if (issue.kind() == SchemaIssue.Kind.VIOLATION) {
            violations.add(path + " " + type + " " + issue.pointer() + ": " + issue.message());
          } else {
            extensions.merge(issue.message(), 1, Integer::sum);
          }
        }
      }
    }
    System.out.printf("corpus fixtures: %d files (%d synthesized skipped), documents %s, extensions %s%n",
        files, skipped, documents, extensions);
    assertThat(files).as("fixture files found under %s", corpus).isGreaterThan(50);
    assertThat(violations).as("violations in real recordings (a schema bug unless proven otherwise)").isEmpty();
  }

  private static boolean isFixture(String path) {
    return path.endsWith(".json") || path.endsWith(".chunks.txt") || path.endsWith(".sse");
  }

  /** The manifest names the evidence: non-API message ids, or an id copied between fixtures. */
  private static boolean isSynthesized(JsonNode flags) {
    for (JsonNode flag : flags) {
      String text = flag.asText().toLowerCase();
      if (text.contains("non-api") || text.contains("edited") || text.contains("synthes")) {
        return true;
      }
    }
    return false;
  }

  private static WireType typeOf(String path, JsonNode document) {
    if (!path.endsWith(".json")) {
      return WireType.STREAM_EVENT;
    }
    return document.has("error") && !document.has("content") ? WireType.ERROR : WireType.MESSAGE;
  }

  /**
   * The JSON documents of one fixture. {@code .chunks.txt} holds one event's data per line;
   * {@code .sse} is a raw stream whose events carry their JSON on one {@code data:} line each,
   * so a line scan is enough here (the kit's own SSE parser is tested elsewhere).
   */
  private static List<JsonNode> documentsOf(Path file) throws IOException {
    String name = file.getFileName().toString();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<JsonNode> documents = new ArrayList<>();
    if (name.endsWith(".json")) {
      documents.add(WireSamples.JSON.readTree(text));
      return documents;
    }
    for (String line : text.split("\r\n|\r|\n")) {
      String payload = line;
      if (name.endsWith(".sse")) {
        if (!line.startsWith("data:")) {
          continue;
        }
        payload = line.substring(line.startsWith("data: ") ? 6 : 5);
      }
      if (!payload.isBlank()) {
        documents.add(WireSamples.JSON.readTree(payload));
      }
    }
    return documents;
  }
}
