package dev.relaytck.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.ErrCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.MsgCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.schema.SchemaIssue;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.schema.WireType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Validates a non-streaming response body: a Message (MSG-010, extensions MSG-020) or an error
 * body (ERR-010). An error body is recognised by its {@code error} object; the top-level
 * {@code "type":"error"} is not required because the API's real 413 arrives without it
 * (corpus ISSUE_EVIDENCE.md).
 */
public final class JsonBodyValidator {
  private final WireSchemas schemas;

  public JsonBodyValidator() {
    this(WireSchemas.bundled());
  }

  public JsonBodyValidator(WireSchemas schemas) {
    this.schemas = schemas;
  }

  public ValidationReport validate(byte[] body) {
    try {
      return validate(new java.io.ByteArrayInputStream(body), body.length);
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array cannot fail", e);
    }
  }

  /** Parses and validates the body; {@code length} is only reported. */
  public ValidationReport validate(InputStream body, long length) throws IOException {
    List<Violation> violations = new ArrayList<>();
    JsonNode node;
    try {
      node = Json.strictReader().readTree(body);
    } catch (JsonProcessingException e) {
      long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      violations.add(Violation.of(MsgCheck.MSG_010, offset >= 0 ? Location.byteOffset(offset) : Location.NONE,
          "the body is not one JSON value: " + Json.problem(e), "a JSON object", "malformed JSON"));
      return new ValidationReport(ValidationReport.BodyKind.JSON, violations, 0, length, null, null);
    }
    if (node == null || !node.isObject()) {
      violations.add(Violation.of(MsgCheck.MSG_010, Location.pointer(""), "the body is not a JSON object",
          "a Message or an error object", node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
      return new ValidationReport(ValidationReport.BodyKind.JSON, violations, 0, length, null, null);
    }
    ObjectNode obj = (ObjectNode) node;
    String type = obj.path("type").asText(null);
    if ("error".equals(type) || (type == null && obj.has("error"))) {
      ObjectNode error = checkError(obj, violations);
      return new ValidationReport(ValidationReport.BodyKind.JSON, violations, 0, length, null, error);
    }
    if (!"message".equals(type)) {
      violations.add(Violation.of(MsgCheck.MSG_010, Location.pointer("/type"),
          "the body is neither a Message nor an Anthropic error" + (obj.has("choices") ? " (it looks like an OpenAI chat completion)" : ""),
          "\"type\": \"message\" or \"error\"", type == null ? "keys " + keys(obj) : "\"type\": \"" + type + "\""));
      return new ValidationReport(ValidationReport.BodyKind.JSON, violations, 0, length, null, null);
    }
    List<MessageShape.Problem> problems = MessageShape.check(obj);
    for (MessageShape.Problem p : problems) {
      violations.add(Violation.of(MsgCheck.MSG_010, Location.pointer(p.pointer()),
          "the Message has no valid " + p.pointer(), p.expected(), p.actual()));
    }
    if (problems.isEmpty()) {
      schema(WireType.MESSAGE, obj, MsgCheck.MSG_010, violations);
    }
    return new ValidationReport(ValidationReport.BodyKind.JSON, violations, 0, length, obj, null);
  }

  private ObjectNode checkError(ObjectNode obj, List<Violation> violations) {
    JsonNode error = obj.get("error");
    if (!(error instanceof ObjectNode e)) {
      violations.add(Violation.of(ErrCheck.ERR_010, Location.pointer("/error"), "the error body has no error object",
          "{\"type\":...,\"message\":...}", error == null ? "no error field" : MessageShape.describe(error)));
      return null;
    }
    boolean shaped = true;
    for (String field : List.of("type", "message")) {
      if (!e.path(field).isTextual()) {
        shaped = false;
        violations.add(Violation.of(ErrCheck.ERR_010, Location.pointer("/error/" + field),
            "the error object has no string " + field, "a string", e.has(field) ? MessageShape.describe(e.get(field)) : "no " + field + " field"));
      }
    }
    if (shaped) {
      schema(WireType.ERROR, obj, ErrCheck.ERR_010, violations);
    }
    return e;
  }

  private void schema(WireType type, ObjectNode obj, Check check, List<Violation> violations) {
    for (SchemaIssue issue : schemas.validate(type, obj)) {
      Location where = Location.pointer(issue.pointer());
      violations.add(issue.kind() == SchemaIssue.Kind.EXTENSION
          ? Violation.of(MsgCheck.MSG_020, where, issue.message())
          : Violation.of(check, where, issue.message()));
    }
  }

  private static List<String> keys(ObjectNode obj) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = obj.fieldNames(); it.hasNext() && keys.size() < 8; ) {
      keys.add(it.next());
    }
    return keys;
  }
}
