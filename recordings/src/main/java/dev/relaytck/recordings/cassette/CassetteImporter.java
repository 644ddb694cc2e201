package dev.relaytck.recordings.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Provenance;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.RecordingStore;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.format.SecretHeaders;
import dev.relaytck.recordings.format.SseBlocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns the exchanges an {@link ImportSelection} names into recordings, with their
 * attribution, and writes them with the NOTICE and the licence texts of their sources.
 * The output depends only on the corpus and the selection, so a test can re-run the import
 * and compare it with the committed recordings byte for byte.
 */
public final class CassetteImporter {
  /** Headers about one HTTP connection or encoding, which the replay server sets itself. */
  private static final Set<String> HOP_BY_HOP = Set.of(
      "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host",
      "proxy-connection", "upgrade", "te", "trailer");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CorpusReader corpus;
  private final ImportSelection selection;

  public CassetteImporter(CorpusReader corpus, ImportSelection selection) {
    this.corpus = corpus;
    this.selection = selection;
  }

  /** The recordings, in selection order. */
  public List<Recording> recordings() {
    Map<String, Recording> done = new LinkedHashMap<>();
    for (ImportSelection.Entry entry : selection.scenarios()) {
      Recording recording = entry.derived() == null
          ? captured(entry)
          : derived(entry, entry.derived().from() == null ? null : done.get(entry.derived().from()));
      done.put(entry.scenario(), recording);
    }
    return List.copyOf(done.values());
  }

  /**
   * Replaces the recordings under {@code out} ({@code mappings/*.json}, {@code __files/*}) with
   * the imported ones, and writes {@code index.txt}, {@code NOTICE.md} and {@code licenses/}.
   */
  public List<Recording> writeTo(Path out) {
    List<Recording> recordings = recordings();
    try {
      clear(out.resolve(RecordingStore.MAPPINGS));
      clear(out.resolve(RecordingStore.FILES));
      for (Recording recording : recordings) {
        RecordingStore.write(recording, out);
      }
      Recordings.writeIndex(recordings, out);
      writeNotice(recordings, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write recordings to " + out, e);
    }
    return recordings;
  }

  private Recording captured(ImportSelection.Entry entry) {
    CorpusExchange x = corpus.exchange(entry.file(), entry.exchange());
    String where = entry.scenario() + " (" + x.id() + ")";
    if (x.synthesized()) {
      throw new CorpusException(where + ": the manifest flags this file as synthesized: " + x.flags());
    }
    if (x.legacyCompletion()) {
      throw new CorpusException(where + ": legacy /v1/complete exchange; the kit tests the Messages API");
    }
    if (x.url() == null || x.requestBody() == null) {
      throw new CorpusException(where + ": the request was not recorded; choose an exchange with its request");
    }
    if (x.kind() == BodyKind.SSE_RESERIALIZED || x.kind() == BodyKind.OTHER) {
      throw new CorpusException(where + ": a " + x.kind() + " body cannot be replayed as the API sent it");
    }
    URI uri = URI.create(x.url().strip());
    RecordedRequest request = new RecordedRequest(
        x.method(), uri.getPath(), uri.getRawQuery(), replayable(x.requestHeaders()), json(where, x.requestBody()));
    boolean stream = x.kind() == BodyKind.SSE_RAW;
    String timing = "recorded";
    List<RecordedEvent> events = null;
    if (stream) {
      events = paced(SseBlocks.split(x.responseBody()), selection.eventGapMs());
      timing = defaultPacing();
    }
    RecordedResponse response = new RecordedResponse(
        x.status(), replayable(x.responseHeaders()), stream ? null : x.responseBody(), events);
    Provenance provenance = new Provenance(
        "captured-live", x.repository(), x.sourcePath(), x.commit(), x.license(),
        "exchange #" + x.index() + " of the file (corpus copy: " + x.path() + ")" + (x.kind() == BodyKind.JSON_RESERIALIZED
            ? "; the cassette re-serialized the JSON body, so it is the same JSON, not the same bytes" : ""),
        timing, capturedAt(x.responseHeader("date")));
    return new Recording(entry.scenario(), title(entry), features(entry), model(x, stream, request), provenance,
        request, response, null);
  }

  private Recording derived(ImportSelection.Entry entry, Recording base) {
    ImportSelection.Derived d = entry.derived();
    if (base == null) {
      throw new CorpusException(entry.scenario() + ": derived recordings need 'from', a scenario listed before");
    }
    Map<String, List<String>> headers = new TreeMap<>();
    if (d.textDeltas() != null) return withTextDeltas(entry, base);
    if (d.keepEvents() != null) {
      // A stream that fails after it started: the base stream's first events, then the error event.
      if (!base.streaming() || d.keepEvents() > base.response().events().size()) {
        throw new CorpusException(entry.scenario() + ": " + d.from() + " has no " + d.keepEvents() + " events to keep");
      }
      List<RecordedEvent> events = new ArrayList<>(base.response().events().subList(0, d.keepEvents()));
      long last = events.isEmpty() ? 0 : events.get(events.size() - 1).offsetMs();
      events.add(new RecordedEvent(last + selection.eventGapMs(), d.body().getBytes(StandardCharsets.UTF_8)));
      headers.putAll(base.response().headers());
      RecordedResponse response = new RecordedResponse(base.response().status(), headers, null, events);
      Provenance provenance = new Provenance("derived", null, null, null, null,
          "the first " + d.keepEvents() + " events of recording " + d.from() + " (" + base.provenance().repository()
              + " " + base.provenance().path() + "), then an error event shaped as observed in " + d.evidence(),
          defaultPacing(), null);
      return new Recording(entry.scenario(), title(entry), features(entry), base.model(), provenance,
          base.request(), response, null);
    }
    d.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), List.of(value)));
    RecordedResponse response = new RecordedResponse(d.status(), headers, d.body().getBytes(StandardCharsets.UTF_8), null);
    Provenance provenance = new Provenance("derived", null, null, null, null,
        "status, headers and body as observed in " + d.evidence() + "; request of recording " + d.from(),
        "none (not a stream)", null);
    return new Recording(entry.scenario(), title(entry), features(entry), base.model(), provenance,
        base.request(), response, null);
  }

  /**
   * {@code base}'s stream with its text_delta events replaced by long multibyte ones (the
   * selection's sample, repeated), paced at the default gap: a stream whose framing only a relay
   * that keeps multibyte characters whole across reads passes.
   */
  private Recording withTextDeltas(ImportSelection.Entry entry, Recording base) {
    ImportSelection.TextDeltas t = entry.derived().textDeltas();
    if (!base.streaming() || t.events() < 1 || t.repeat() < 1 || t.sample() == null || t.sample().isEmpty()) {
      throw new CorpusException(entry.scenario() + ": textDeltas needs a streamed 'from', a sample, repeat >= 1 and events >= 1");
    }
    List<byte[]> blocks = new ArrayList<>();
    boolean replaced = false;
    for (RecordedEvent e : base.response().events()) {
      String text = new String(e.bytes(), StandardCharsets.UTF_8);
      if (!text.contains("\"text_delta\"")) {
        blocks.add(e.bytes());
        continue;
      }
      if (replaced) continue;
      replaced = true;
      int index;
      try {
        index = JSON.readTree(text.substring(text.indexOf("data:") + 5).strip()).path("index").asInt();
      } catch (IOException ex) {
        throw new CorpusException(entry.scenario() + ": " + entry.derived().from() + " has an unreadable text_delta event");
      }
      for (int i = 0; i < t.events(); i++) {
        com.fasterxml.jackson.databind.node.ObjectNode delta = JSON.createObjectNode();
        delta.put("type", "content_block_delta");
        delta.put("index", index);
        com.fasterxml.jackson.databind.node.ObjectNode inner = delta.putObject("delta");
        inner.put("type", "text_delta");
        inner.put("text", t.sample().repeat(t.repeat()));
        blocks.add(("event: content_block_delta\ndata: " + delta + "\n\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!replaced) throw new CorpusException(entry.scenario() + ": " + entry.derived().from() + " has no text_delta event");
    Map<String, List<String>> headers = new TreeMap<>(base.response().headers());
    RecordedResponse response = new RecordedResponse(base.response().status(), headers, null, paced(blocks, selection.eventGapMs()));
    Provenance provenance = new Provenance("derived", null, null, null, null,
        "the events of recording " + entry.derived().from() + " as observed in " + base.provenance().repository() + " "
            + base.provenance().path() + ", with its text deltas replaced by " + t.events() + " of " + t.repeat()
            + " repetitions of a multilingual sample each: " + entry.derived().evidence(),
        defaultPacing(), null);
    return new Recording(entry.scenario(), title(entry), features(entry), base.model(), provenance,
        base.request(), response, null);
  }

  private String defaultPacing() {
    return "default pacing: " + selection.eventGapMs() + " ms between events, the first at 0 ms"
        + " (the source cassette recorded no per-event timing)";
  }

  private static List<RecordedEvent> paced(List<byte[]> blocks, int gapMs) {
    List<RecordedEvent> events = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      events.add(new RecordedEvent((long) i * gapMs, blocks.get(i)));
    }
    return events;
  }

  /** Recorded headers without secrets and without those of the recorded connection. */
  private static Map<String, List<String>> replayable(Map<String, List<String>> recorded) {
    Map<String, List<String>> out = SecretHeaders.strip(recorded);
    out.keySet().removeIf(HOP_BY_HOP::contains);
    return out;
  }

  private static JsonNode json(String where, byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new CorpusException(where + ": the request body is not JSON: " + e.getMessage(), e);
    }
  }

  /** The model that answered: the response's {@code model}, else the requested one. */
  private static String model(CorpusExchange x, boolean stream, RecordedRequest request) {
    try {
      JsonNode body = null;
      if (stream) {
        for (byte[] block : SseBlocks.split(x.responseBody())) {
          String text = new String(block, StandardCharsets.UTF_8);
          int data = text.indexOf("data:");
          if (data >= 0) {
            body = JSON.readTree(text.substring(data + 5).strip()).path("message");
            break;
          }
        }
      } else {
        body = JSON.readTree(x.responseBody());
      }
      if (body != null && body.path("model").isTextual()) {
        return body.path("model").asText();
      }
    } catch (IOException | RuntimeException e) {
      // not a message (an error body): fall back to the request
    }
    return request.body() != null && request.body().path("model").isTextual() ? request.body().path("model").asText() : null;
  }

  private static String capturedAt(String date) {
    if (date == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toString();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String title(ImportSelection.Entry entry) {
    return entry.title() == null ? entry.scenario() : entry.title();
  }

  private static List<String> features(ImportSelection.Entry entry) {
    return entry.features() == null ? List.of() : List.copyOf(entry.features());
  }

  private static void clear(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json") || name.endsWith(".sse")) {
          Files.delete(f);
        }
      }
    }
  }

  /** NOTICE.md: every source repository, commit and licence, and which recordings come from it. */
  private void writeNotice(List<Recording> recordings, Path out) throws IOException {
    Map<String, Set<String>> bySource = new TreeMap<>();
    Map<String, Set<String>> derived = new TreeMap<>();
    for (Recording r : recordings) {
      if ("captured-live".equals(r.provenance().kind())) {
        bySource.computeIfAbsent(r.provenance().repository(), k -> new TreeSet<>())
            .add(r.scenario() + ": `" + r.provenance().path() + "` at commit `" + r.provenance().commit() + "`");
      } else {
        derived.computeIfAbsent(r.scenario(), k -> new TreeSet<>()).add(r.provenance().derivedFrom());
      }
    }
    StringBuilder text = new StringBuilder();
    text.append("# Attribution of the bundled recordings\n\n")
        .append("These recordings are converted (by `relay-tck import`, from `import-selection.json`) from\n")
        .append("exchanges with the official Anthropic API that other projects recorded in their test\n")
        .append("suites and published. Each repository's licence applies to the files derived from it;\n")
        .append("the licence texts are in `licenses/<owner>__<repo>/`.\n\n");
    Path licenses = out.resolve("licenses");
    for (Map.Entry<String, Set<String>> source : bySource.entrySet()) {
      String folder = source.getKey().replace("/", "__");
      SourceRepository repo = corpus.manifest().source(folder);
      text.append("## ").append(source.getKey()).append("\n\n");
      if (repo != null) {
        text.append("- commit: `").append(repo.commit()).append("`\n")
            .append("- licence: ").append(repo.license()).append(" (")
            .append(String.join(", ", repo.licenseFiles().stream().map(f -> "`licenses/" + f + "`").toList()))
            .append(")\n");
        for (String file : repo.licenseFiles()) {
          Path target = licenses.resolve(file);
          Files.createDirectories(target.getParent());
          Files.write(target, Files.readAllBytes(corpus.manifest().dir().resolve(file)));
        }
      }
      text.append("- recordings:\n");
      source.getValue().forEach(s -> text.append("  - ").append(s).append('\n'));
      text.append('\n');
    }
    text.append("## Derived recordings\n\n")
        .append("Not captured: built from shapes observed on the live API and reported in public issue\n")
        .append("threads (see the corpus's ISSUE_EVIDENCE.md). They say so in their provenance.\n\n");
    derived.forEach((scenario, from) -> text.append("- ").append(scenario).append(": ").append(String.join("; ", from)).append('\n'));
    Files.writeString(out.resolve("NOTICE.md"), text.toString(), StandardCharsets.UTF_8);
  }
}
