package dev.relaytck.recordings.cassette;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which corpus exchanges become which recordings: the committed, human-readable
 * {@code relay-tck/import-selection.json}. Each scenario either names a corpus file and the
 * exchange's index in it, or says how it is derived (an error response built from the shapes
 * of ISSUE_EVIDENCE.md, or a recorded stream cut short by an error event).
 *
 * @param eventGapMs the default pacing: the gap between events of streams whose source
 *     recorded no timing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportSelection(int formatVersion, int eventGapMs, List<Entry> scenarios) {
  public static final String RESOURCE = "relay-tck/import-selection.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One scenario.
   *
   * @param file corpus file for a captured exchange
   * @param exchange the exchange's index within {@code file}, from 0
   * @param derived how the recording is derived, when it is not captured
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Entry(
      String scenario, String title, List<String> features, String file, Integer exchange, Derived derived) {}

  /**
   * A derived recording.
   *
   * @param from the scenario whose request (and, with {@code keepEvents}, stream) it starts from
   * @param status the HTTP status to answer; for a mid-stream error the stream's 200
   * @param headers response headers of the derived error
   * @param body the error body (for {@code keepEvents}: the raw bytes of the final SSE event)
   * @param keepEvents when set: the first N events of {@code from}'s stream, then {@code body}
   * @param evidence where the shape was observed
   * @param textDeltas when set: {@code from}'s stream with its text deltas replaced by long multibyte ones
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Derived(
      String from, int status, Map<String, String> headers, String body, Integer keepEvents, String evidence,
      TextDeltas textDeltas) {

    public Derived(String from, int status, Map<String, String> headers, String body, Integer keepEvents, String evidence) {
      this(from, status, headers, body, keepEvents, evidence, null);
    }
  }

  /**
   * Text deltas for a framing scenario: {@code events} text_delta events, each {@code sample}
   * repeated {@code repeat} times, so that multibyte characters (CJK, emoji with modifiers,
   * combining marks) straddle any read boundary of a relay.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TextDeltas(String sample, int repeat, int events) {}

  public static ImportSelection read(Path file) {
    try {
      return validate(JSON.readValue(file.toFile(), ImportSelection.class), file.toString());
    } catch (IOException e) {
      throw new CorpusException(file + ": unreadable import selection: " + e.getMessage(), e);
    }
  }

  /** The selection shipped with the recordings module. */
  public static ImportSelection bundled() {
    try (InputStream in = ImportSelection.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new CorpusException(RESOURCE + " is not on the classpath");
      }
      return validate(JSON.readValue(in, ImportSelection.class), RESOURCE);
    } catch (IOException e) {
      throw new CorpusException(RESOURCE + ": unreadable import selection: " + e.getMessage(), e);
    }
  }

  private static ImportSelection validate(ImportSelection selection, String name) {
    if (selection.formatVersion() != 1) {
      throw new CorpusException(name + ": formatVersion " + selection.formatVersion() + " is not supported (1 is)");
    }
    if (selection.scenarios() == null || selection.scenarios().isEmpty()) {
      throw new CorpusException(name + ": no scenarios");
    }
    Set<String> seen = new HashSet<>();
    for (Entry entry : selection.scenarios()) {
      if (entry.scenario() == null || !seen.add(entry.scenario())) {
        throw new CorpusException(name + ": scenario id missing or repeated: " + entry.scenario());
      }
      boolean captured = entry.file() != null && entry.exchange() != null;
      if (captured == (entry.derived() != null)) {
        throw new CorpusException(name + ": scenario " + entry.scenario()
            + " must have either file and exchange, or derived");
      }
      if (entry.derived() != null && entry.derived().from() != null && !seen.contains(entry.derived().from())) {
        throw new CorpusException(name + ": scenario " + entry.scenario() + " is derived from "
            + entry.derived().from() + ", which must be listed before it");
      }
    }
    return selection;
  }

  static JsonNode parse(byte[] json) throws IOException {
    return JSON.readTree(json);
  }
}
