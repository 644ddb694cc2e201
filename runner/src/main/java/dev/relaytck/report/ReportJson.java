package dev.relaytck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes and reads {@code report.json}. The reader is lenient by design: {@code diff} and
 * {@code matrix} compare reports written by other versions of the kit, so unknown fields are
 * ignored and missing ones take their empty value; only a file that is not a relay-tck report
 * at all is refused.
 */
public final class ReportJson {
  public static final String FILE_NAME = "report.json";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private ReportJson() {}

  /** The mapper every report format shares (records, no nulls written, lenient reading). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String toJson(Report report) {
    try {
      return MAPPER.writeValueAsString(report) + "\n";
    } catch (JacksonException e) {
      throw new IllegalStateException("report could not be serialised", e);
    }
  }

  public static Report read(Path file) throws UnreadableReportException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new UnreadableReportException(file, "no such file");
    } catch (JacksonException e) {
      throw new UnreadableReportException(file, "not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UnreadableReportException(file, "cannot be read (" + e.getMessage() + ")");
    }
    return fromTree(file, tree);
  }

  static Report fromTree(Path file, JsonNode tree) throws UnreadableReportException {
    if (tree == null || !tree.isObject()) {
      throw new UnreadableReportException(file, "not a JSON object");
    }
    if (!Report.TOOL.equals(tree.path("tool").asText(null))) {
      throw new UnreadableReportException(file, "not a relay-tck report (no \"tool\": \"relay-tck\")");
    }
    if (!tree.path("schemaVersion").canConvertToInt() || tree.path("schemaVersion").asInt() < 1) {
      throw new UnreadableReportException(file, "no valid schemaVersion");
    }
    if (!tree.path("checks").isArray()) {
      throw new UnreadableReportException(file, "no \"checks\" array");
    }
    try {
      return MAPPER.treeToValue(tree, Report.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new UnreadableReportException(file, "unexpected content (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }
}
