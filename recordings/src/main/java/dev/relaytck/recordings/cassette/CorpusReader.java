package dev.relaytck.recordings.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the exchanges of the corpus folder: every file {@code manifest.json} lists, whatever
 * its format (vcrpy or Ruby VCR YAML, test-agent JSON or YAML, response-only fixtures). The
 * format is recognised from the file itself, so files the manifest's scanner could not count
 * are still read.
 */
public final class CorpusReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CorpusManifest manifest;

  private CorpusReader(CorpusManifest manifest) {
    this.manifest = manifest;
  }

  public static CorpusReader open(Path corpusDir) {
    return new CorpusReader(CorpusManifest.read(corpusDir));
  }

  public CorpusManifest manifest() {
    return manifest;
  }

  /** The exchanges with the Anthropic API recorded in one file of the manifest, in file order. */
  public List<CorpusExchange> read(String path) {
    ManifestEntry entry = manifest.entry(path);
    Path file = manifest.dir().resolve(path);
    List<ExchangeParts> parts;
    try {
      parts = parse(file);
    } catch (IOException | RuntimeException e) {
      throw new CorpusException(path + ": unreadable cassette: " + e.getMessage(), e);
    }
    SourceRepository source = manifest.source(entry.source());
    List<CorpusExchange> out = new ArrayList<>();
    for (ExchangeParts p : parts) {
      if (p.url() != null && !p.url().contains("anthropic.com")) {
        continue; // the same cassette may hold calls to other providers
      }
      out.add(new CorpusExchange(
          entry.source(),
          source == null ? entry.source().replace("__", "/") : source.repository(),
          path,
          sourcePath(entry),
          commit(entry),
          source == null ? null : source.license(),
          out.size(),
          p.method(),
          p.url(),
          p.requestHeaders(),
          p.requestBody(),
          p.status(),
          p.responseHeaders(),
          p.responseBody(),
          p.forcedKind() != null ? p.forcedKind() : classify(p.responseHeaders(), p.responseBody()),
          entry.flags(),
          entry.features()));
    }
    return out;
  }

  /**
   * The path in the source repository: without the corpus folder, and without the
   * {@code _history/<commit>/} or {@code from_index/} folders the corpus keeps older versions in.
   */
  static String sourcePath(ManifestEntry entry) {
    String path = entry.path();
    if (path.startsWith(entry.source() + "/")) {
      path = path.substring(entry.source().length() + 1);
    }
    return path.replaceFirst("^_history/[^/]+/", "").replaceFirst("^from_index/", "");
  }

  /**
   * The commit of the file's version. The manifest gives a bare sha, or for files transcribed
   * from an index a note naming each file's commit ({@code name.yaml @<sha>}).
   */
  static String commit(ManifestEntry entry) {
    String commit = entry.commit();
    if (commit.matches("[0-9a-f]{40}")) {
      return commit;
    }
    String name = entry.path().substring(entry.path().lastIndexOf('/') + 1);
    Matcher named = Pattern.compile(Pattern.quote(name) + "\\s*@([0-9a-f]{40})").matcher(commit);
    if (named.find()) {
      return named.group(1);
    }
    Matcher any = Pattern.compile("\\b[0-9a-f]{40}\\b").matcher(commit);
    return any.find() ? any.group() : commit;
  }

  /** One exchange by file and position; fails clearly when the file has fewer. */
  public CorpusExchange exchange(String path, int index) {
    List<CorpusExchange> all = read(path);
    if (index < 0 || index >= all.size()) {
      throw new CorpusException(path + " holds " + all.size() + " exchange(s) with the API; there is no #" + index);
    }
    return all.get(index);
  }

  private static List<ExchangeParts> parse(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] bytes = Files.readAllBytes(file);
    if (name.endsWith(".chunks.txt")) {
      return responsesOfChunks(bytes);
    }
    if (name.endsWith(".sse")) {
      return List.of(responseOnly(bytes, BodyKind.SSE_RAW));
    }
    if (name.endsWith(".json")) {
      JsonNode root = JSON.readTree(bytes);
      if (TestAgentCassettes.accepts(root)) {
        return TestAgentCassettes.read(root);
      }
      return List.of(responseOnly(bytes, null));
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return VcrCassettes.read(CassetteYaml.load(new String(bytes, StandardCharsets.UTF_8)));
    }
    return List.of();
  }

  /**
   * A chunks fixture of a multi-step call holds several responses one after the other; each
   * starts with its {@code message_start}, and each is an exchange of its own.
   */
  private static List<ExchangeParts> responsesOfChunks(byte[] bytes) throws IOException {
    List<ExchangeParts> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("(?<=\n)")) {
      if (!line.isBlank() && current.length() > 0
          && "message_start".equals(JSON.readTree(line).path("type").asText())) {
        out.add(responseOnly(current.toString().getBytes(StandardCharsets.UTF_8), BodyKind.SSE_RESERIALIZED));
        current.setLength(0);
      }
      current.append(line);
    }
    if (current.length() > 0 || out.isEmpty()) {
      out.add(responseOnly(current.toString().getBytes(StandardCharsets.UTF_8), BodyKind.SSE_RESERIALIZED));
    }
    return out;
  }

  private static ExchangeParts responseOnly(byte[] body, BodyKind kind) {
    return new ExchangeParts(null, null, Map.of(), null, CorpusExchange.STATUS_UNKNOWN, Map.of(), body, kind);
  }

  /** Raw bodies: an SSE stream or JSON, told apart by the content type or the first bytes. */
  static BodyKind classify(Map<String, List<String>> headers, byte[] body) {
    List<String> type = headers.get("content-type");
    if (type != null && type.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains("text/event-stream"))) {
      return BodyKind.SSE_RAW;
    }
    if (body == null) {
      return BodyKind.OTHER;
    }
    String head = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
    if (head.startsWith("event:") || head.startsWith("data:") || head.startsWith(":")) {
      return BodyKind.SSE_RAW;
    }
    if (head.startsWith("{") || head.startsWith("[")) {
      return BodyKind.JSON;
    }
    return BodyKind.OTHER;
  }
}
