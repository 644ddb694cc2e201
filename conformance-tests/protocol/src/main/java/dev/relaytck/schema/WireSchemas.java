package dev.relaytck.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates wire objects against the JSON Schemas of {@code schemas/anthropic/} (packaged under
 * {@code relay-tck/schemas/anthropic/} on the classpath).
 *
 * <p>One validation pass yields both kinds of {@link SchemaIssue}. The schemas follow two
 * conventions (docs/schemas.md): an object whose fields are known closes itself with
 * {@code additionalProperties: false}, and a field whose set of values is open (block types,
 * delta types, event types, stop reasons, error types) lists the known values with {@code enum};
 * unions dispatch on {@code type} with {@code if}/{@code then}, so an unknown type fails only
 * that {@code enum}. A failure of those two keywords is therefore something the kit does not
 * know ({@link SchemaIssue.Kind#EXTENSION}); a failure of any other keyword (required, type,
 * const, minimum, ...) breaks a known type ({@link SchemaIssue.Kind#VIOLATION}).
 *
 * <p>Every schema is loaded and compiled once, when {@link #bundled()} is first called; a
 * compiled networknt {@link Schema} is immutable and safe to share between threads, so
 * {@link #validate} compiles nothing.
 */
public final class WireSchemas {
  private static final String BASE = "classpath:relay-tck/schemas/anthropic/";

  /** Keywords whose failure means "the kit does not know this", never "this is broken". */
  private static final Set<String> EXTENSION_KEYWORDS = Set.of("additionalProperties", "enum");

  /** The event types of stream-event.json's dispatcher, each with its own compiled definition. */
  private static final List<String> EVENT_TYPES = List.of("message_start", "content_block_start", "content_block_delta",
      "content_block_stop", "message_delta", "message_stop", "ping", "error");

  private final Map<WireType, Schema> schemas;
  private final Map<String, Schema> eventSchemas;

  private WireSchemas(Map<WireType, Schema> schemas, Map<String, Schema> eventSchemas) {
    this.schemas = schemas;
    this.eventSchemas = eventSchemas;
  }

  /** The schemas packaged in the relay-tck-schemas jar. Thread-safe; load once, share. */
  public static WireSchemas bundled() {
    return Holder.BUNDLED;
  }

  /** Lazy holder: the JVM runs the loading once, on first use, and publishes it safely. */
  private static final class Holder {
    static final WireSchemas BUNDLED = load();
  }

  private static WireSchemas load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Map<WireType, Schema> schemas = new EnumMap<>(WireType.class);
    for (WireType type : WireType.values()) {
      String file = fileOf(type);
      Schema schema = registry.getSchema(SchemaLocation.of(BASE + file));
      // Resolve every $ref now: a broken bundle fails at load time, and no validation
      // call pays for (or races on) lazy compilation.
      schema.initializeValidators();
      schemas.put(type, schema);
    }
    Map<String, Schema> eventSchemas = new HashMap<>();
    for (String event : EVENT_TYPES) {
      Schema schema = registry.getSchema(SchemaLocation.of(BASE + fileOf(WireType.STREAM_EVENT) + "#/$defs/" + event));
      schema.initializeValidators();
      eventSchemas.put(event, schema);
    }
    return new WireSchemas(Collections.unmodifiableMap(schemas), Map.copyOf(eventSchemas));
  }

  /** The event types validated through their own definition; must equal the dispatcher's enum (tested). */
  static List<String> eventTypes() {
    return EVENT_TYPES;
  }

  /** The document under {@code relay-tck/schemas/anthropic/} that describes {@code type}. */
  public static String fileOf(WireType type) {
    switch (type) {
      case MESSAGES_REQUEST: return "messages-request.json";
      case MESSAGE: return "message.json";
      case STREAM_EVENT: return "stream-event.json";
      case ERROR: return "error.json";
      case COUNT_TOKENS_REQUEST: return "count-tokens-request.json";
      case COUNT_TOKENS_RESPONSE: return "count-tokens-response.json";
      case MODEL: return "model.json";
      case MODEL_LIST: return "model-list.json";
      default: throw new IllegalArgumentException("no schema for " + type);
    }
  }

  /** Every issue found in {@code document}: violations of known types and extensions the kit does not know. */
  public List<SchemaIssue> validate(WireType type, JsonNode document) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(document, "document");
    List<Error> errors;
    try {
      errors = schemaFor(type, document).validate(document);
    } catch (StackOverflowError tooDeep) {
      // The validator recurses once per nesting level of content blocks; a document that nests
      // blocks hundreds deep (no Anthropic object does) must get an answer, not crash the kit.
      return List.of(new SchemaIssue(SchemaIssue.Kind.VIOLATION, "",
          "the document nests content too deeply to validate (no Anthropic wire object nests hundreds of levels)"));
    }
    if (errors.isEmpty()) {
      return List.of();
    }
    Set<SchemaIssue> violations = new LinkedHashSet<>();
    Set<SchemaIssue> extensions = new LinkedHashSet<>();
    for (Error error : errors) {
      SchemaIssue issue = toIssue(error);
      (issue.kind() == SchemaIssue.Kind.VIOLATION ? violations : extensions).add(issue);
    }
    List<SchemaIssue> issues = new ArrayList<>(violations);
    Set<String> violated = new LinkedHashSet<>();
    violations.forEach(v -> violated.add(v.pointer()));
    for (SchemaIssue extension : extensions) {
      // A value of the wrong JSON type also fails its enum: the violation says it all.
      if (!violated.contains(extension.pointer())) {
        issues.add(extension);
      }
    }
    return List.copyOf(issues);
  }

  /**
   * Validation runs per SSE event, so a known event goes straight to its own definition instead
   * of through the dispatcher's eight if/then branches: same rules, same pointers (the
   * dispatcher's enum and required "type" hold for any known event type), and most of the cost of
   * a small event saved: each failed {@code if} costs networknt an exception.
   */
  private Schema schemaFor(WireType type, JsonNode document) {
    if (type == WireType.STREAM_EVENT) {
      Schema event = eventSchemas.get(document.path("type").asText(""));
      if (event != null) {
        return event;
      }
    }
    return schemas.get(type);
  }

  private static SchemaIssue toIssue(Error error) {
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String at = JsonPointers.of(error.getInstanceLocation());
    JsonNode value = error.getInstanceNode();
    JsonNode schemaNode = error.getSchemaNode();
    switch (keyword) {
      case "additionalProperties": {
        String field = error.getProperty();
        return new SchemaIssue(SchemaIssue.Kind.EXTENSION, JsonPointers.child(at, field),
            "unknown field \"" + field + "\"" + typeContext(value));
      }
      case "enum":
        return new SchemaIssue(SchemaIssue.Kind.EXTENSION, at,
            "unknown value " + value + " (known: " + known(schemaNode) + ")");
      case "required": {
        String field = error.getProperty();
        return new SchemaIssue(SchemaIssue.Kind.VIOLATION, JsonPointers.child(at, field),
            "required field \"" + field + "\" is missing" + typeContext(value));
      }
      case "type":
        return new SchemaIssue(SchemaIssue.Kind.VIOLATION, at,
            "expected " + expectedTypes(schemaNode) + ", found " + JsonTypes.describe(value));
      case "const":
        return new SchemaIssue(SchemaIssue.Kind.VIOLATION, at,
            "expected " + schemaNode + ", found " + value);
      case "minimum":
        return new SchemaIssue(SchemaIssue.Kind.VIOLATION, at,
            "expected at least " + schemaNode + ", found " + value);
      case "maximum":
        return new SchemaIssue(SchemaIssue.Kind.VIOLATION, at,
            "expected at most " + schemaNode + ", found " + value);
      default:
        return new SchemaIssue(SchemaIssue.Kind.VIOLATION, at, withoutLocation(error.getMessage()));
    }
  }

  /** {@code " in tool_use"}: names the object by its type, when it has one. */
  private static String typeContext(JsonNode object) {
    if (object != null && object.isObject() && object.path("type").isTextual()) {
      return " in " + object.path("type").asText();
    }
    return "";
  }

  private static String known(JsonNode enumNode) {
    if (enumNode == null || !enumNode.isArray()) {
      return "?";
    }
    List<String> values = new ArrayList<>();
    enumNode.forEach(v -> values.add(v.isNull() ? "null" : v.asText()));
    return String.join(", ", values);
  }

  private static String expectedTypes(JsonNode typeNode) {
    if (typeNode == null) {
      return "another type";
    }
    if (typeNode.isArray()) {
      List<String> names = new ArrayList<>();
      typeNode.forEach(t -> names.add(t.asText()));
      return String.join(" or ", names);
    }
    return typeNode.asText();
  }

  /** networknt prefixes its message with the instance location in its own path syntax; ours is a JSON pointer. */
  private static String withoutLocation(String message) {
    if (message == null) {
      return "invalid value";
    }
    int colon = message.indexOf(": ");
    return colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(colon + 2) : message;
  }
}
