package dev.relaytck.recordings.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Maps {@link Recording}s to and from the on-disk format of docs/recording-format.md: a
 * WireMock stub mapping {@code mappings/<scenario>.json} whose {@code metadata.relayTck}
 * carries what WireMock does not model, and a body file {@code __files/<scenario>.sse} (the
 * stream, byte for byte) or {@code __files/<scenario>.json}.
 *
 * <p>Writing is deterministic (fixed key order, LF line ends, a mapping id derived from the
 * scenario), so the same recording always gives the same bytes, and strips secret headers
 * whatever the caller passed.
 */
public final class RecordingStore {
  public static final int FORMAT_VERSION = 1;
  public static final String MATCHER = "relay-tck-scenario";
  public static final String TRANSFORMER = "relay-tck-replay";
  public static final String MAPPINGS = "mappings";
  public static final String FILES = "__files";

  private static final Pattern SCENARIO_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter PRETTY = JSON.writer(
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private RecordingStore() {}

  /** Writes the recording's mapping and body file under {@code dir}; returns the mapping file. */
  public static Path write(Recording recording, Path dir) {
    String scenario = recording.scenario();
    if (scenario == null || !SCENARIO_ID.matcher(scenario).matches()) {
      throw new RecordingFormatException("scenario id '" + scenario + "' is not short kebab-case");
    }
    boolean stream = recording.streaming();
    String bodyFile = scenario + (stream ? ".sse" : ".json");
    byte[] body = stream ? SseBlocks.join(recording.response().events()) : recording.response().body();
    try {
      Files.createDirectories(dir.resolve(MAPPINGS));
      Files.createDirectories(dir.resolve(FILES));
      Files.write(dir.resolve(FILES).resolve(bodyFile), body == null ? new byte[0] : body);
      Path mapping = dir.resolve(MAPPINGS).resolve(scenario + ".json");
      Files.write(mapping, mappingBytes(recording, bodyFile));
      return mapping;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write recording " + scenario + " under " + dir, e);
    }
  }

  static byte[] mappingBytes(Recording recording, String bodyFile) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", UUID.nameUUIDFromBytes(("relay-tck:" + recording.scenario()).getBytes(StandardCharsets.UTF_8)).toString());
    root.put("name", recording.scenario());

    ObjectNode request = root.putObject("request");
    request.put("method", recording.request().method());
    request.put("urlPath", recording.request().path());
    ObjectNode matcher = request.putObject("customMatcher");
    matcher.put("name", MATCHER);
    matcher.putObject("parameters").put("scenario", recording.scenario());

    ObjectNode response = root.putObject("response");
    response.put("status", recording.response().status());
    ObjectNode headers = response.putObject("headers");
    SecretHeaders.strip(recording.response().headers()).forEach((name, values) -> {
      if (values.size() == 1) {
        headers.put(name, values.get(0));
      } else {
        ArrayNode many = headers.putArray(name);
        values.forEach(many::add);
      }
    });
    response.put("bodyFileName", bodyFile);
    response.putArray("transformers").add(TRANSFORMER);

    ObjectNode meta = root.putObject("metadata").putObject("relayTck");
    meta.put("formatVersion", FORMAT_VERSION);
    meta.put("scenario", recording.scenario());
    meta.put("title", recording.title());
    ArrayNode features = meta.putArray("features");
    recording.features().forEach(features::add);
    meta.put("model", recording.model());
    meta.put("stream", recording.streaming());
    if (recording.streaming()) {
      ArrayNode offsets = meta.putArray("eventOffsetsMs");
      recording.response().events().forEach(e -> offsets.add(e.offsetMs()));
    }
    ObjectNode req = meta.putObject("request");
    req.put("method", recording.request().method());
    req.put("path", recording.request().path());
    req.put("query", recording.request().query());
    ObjectNode reqHeaders = req.putObject("headers");
    SecretHeaders.strip(recording.request().headers()).forEach((name, values) -> {
      ArrayNode many = reqHeaders.putArray(name);
      values.forEach(many::add);
    });
    req.set("body", recording.request().body());
    meta.set("provenance", JSON.valueToTree(recording.provenance()));
    if (recording.fault() != null) {
      meta.set("fault", JSON.valueToTree(recording.fault()));
    }
    try {
      return (PRETTY.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a recording tree always serializes", e);
    }
  }

  /** Reads one mapping and its body file; {@code files} is the {@code __files} folder. */
  public static Recording read(String mappingName, byte[] mapping, BodySource files) {
    JsonNode root;
    try {
      root = JSON.readTree(mapping);
    } catch (IOException e) {
      throw new RecordingFormatException(mappingName + ": not JSON: " + e.getMessage(), e);
    }
    JsonNode meta = root.path("metadata").path("relayTck");
    if (meta.isMissingNode()) {
      throw new RecordingFormatException(mappingName + ": no metadata.relayTck: not a relay-tck recording");
    }
    int version = meta.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new RecordingFormatException(mappingName + ": formatVersion " + meta.path("formatVersion")
          + " is not supported (this kit reads " + FORMAT_VERSION + ")");
    }
    String scenario = required(mappingName, meta, "scenario").asText();
    JsonNode response = root.path("response");
    String bodyFile = required(mappingName, response, "bodyFileName").asText();
    byte[] body = files.read(bodyFile);
    if (body == null) {
      throw new RecordingFormatException(mappingName + ": body file " + FILES + "/" + bodyFile + " is missing");
    }
    boolean stream = meta.path("stream").asBoolean(false);
    List<RecordedEvent> events = null;
    if (stream) {
      List<byte[]> blocks = SseBlocks.split(body);
      JsonNode offsets = meta.path("eventOffsetsMs");
      if (!offsets.isArray() || offsets.size() != blocks.size()) {
        throw new RecordingFormatException(mappingName + ": " + blocks.size() + " events in " + bodyFile
            + " but " + (offsets.isArray() ? offsets.size() : 0) + " eventOffsetsMs");
      }
      events = new ArrayList<>();
      long previous = 0;
      for (int i = 0; i < blocks.size(); i++) {
        long offset = offsets.get(i).asLong();
        if (offset < previous) {
          throw new RecordingFormatException(mappingName + ": eventOffsetsMs[" + i + "] = " + offset
              + " goes back in time (previous " + previous + ")");
        }
        previous = offset;
        events.add(new RecordedEvent(offset, blocks.get(i)));
      }
    }
    JsonNode req = required(mappingName, meta, "request");
    RecordedRequest request = new RecordedRequest(
        req.path("method").asText("POST"),
        req.path("path").asText(root.path("request").path("urlPath").asText()),
        req.path("query").isTextual() ? req.path("query").asText() : null,
        headerLists(req.path("headers")),
        req.path("body").isMissingNode() || req.path("body").isNull() ? null : req.path("body"));
    RecordedResponse recorded = new RecordedResponse(
        response.path("status").asInt(200), headerLists(response.path("headers")), stream ? null : body, events);
    try {
      List<String> features = new ArrayList<>();
      meta.path("features").forEach(f -> features.add(f.asText()));
      return new Recording(
          scenario,
          meta.path("title").asText(scenario),
          List.copyOf(features),
          meta.path("model").isTextual() ? meta.path("model").asText() : null,
          JSON.treeToValue(required(mappingName, meta, "provenance"), Provenance.class),
          request,
          recorded,
          meta.hasNonNull("fault") ? JSON.treeToValue(meta.get("fault"), Fault.class) : null);
    } catch (JsonProcessingException e) {
      throw new RecordingFormatException(mappingName + ": " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode required(String file, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new RecordingFormatException(file + ": missing field '" + field + "'");
    }
    return value;
  }

  private static Map<String, List<String>> headerLists(JsonNode headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : headers.properties()) {
      List<String> values = new ArrayList<>();
      if (field.getValue().isArray()) {
        field.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(field.getValue().asText());
      }
      out.put(field.getKey(), List.copyOf(values));
    }
    return out;
  }

  /** Where body files come from: a folder or the classpath. Returns {@code null} when absent. */
  @FunctionalInterface
  public interface BodySource {
    byte[] read(String bodyFileName);
  }
}
