package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.target.Ending;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Readings of a response shared by several checks. */
final class Responses {
  /** The error types Anthropic documents (api/errors#http-errors). */
  static final Set<String> ERROR_TYPES = Set.of("invalid_request_error", "authentication_error", "billing_error",
      "permission_error", "not_found_error", "request_too_large", "rate_limit_error", "api_error",
      "timeout_error", "overloaded_error");

  static final Map<Integer, String> ERROR_TYPE_BY_STATUS = Map.of(400, "invalid_request_error",
      401, "authentication_error", 402, "billing_error", 403, "permission_error", 404, "not_found_error",
      413, "request_too_large", 429, "rate_limit_error", 500, "api_error", 504, "timeout_error",
      529, "overloaded_error");

  private Responses() {}

  static Map<String, Object> context(Exchange e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("exchange", e.summary());
    return m;
  }

  /** A violation when no complete response arrived (no headers, broken, timed out), else empty. */
  static Optional<Violation> noResponse(Check check, Exchange e) {
    if (e.status() < 0) {
      return Optional.of(Violation.of(check, Location.NONE, "no response from the relay: " + e.summary()));
    }
    if (e.ending() != Ending.COMPLETE && e.ending() != Ending.CLIENT_CLOSED && !SseRules.looksLikeStream(e)) {
      return Optional.of(Violation.of(check, Location.byteOffset(e.rawBody().length),
          "the response body did not complete: " + e.summary()));
    }
    return Optional.empty();
  }

  /** Violations of Anthropic's error shape in {@code e}'s body ({@code {"type":"error","error":{"type","message"}}}). */
  static List<Violation> errorShape(Check check, Exchange e) {
    List<Violation> v = new ArrayList<>();
    Optional<JsonNode> json = e.json();
    if (json.isEmpty() || !json.get().isObject()) {
      v.add(Violation.of(check, Location.byteOffset(0), "the error body is not a JSON object",
          "{\"type\":\"error\",\"error\":{\"type\":...,\"message\":...}}", quote(e.excerpt(200))));
      return v;
    }
    JsonNode b = json.get();
    // A 413 comes from Anthropic's edge before the API and has no top-level type (api/errors#request-size-limits).
    boolean edge = e.status() == 413 && !b.has("type");
    if (!edge && !"error".equals(b.path("type").asText(null))) {
      v.add(Violation.of(check, Location.pointer("/type"), "the error body's type is not \"error\"",
          "\"error\"", b.has("type") ? b.get("type").toString() : "absent (body " + quote(e.excerpt(200)) + ")"));
    }
    JsonNode err = b.path("error");
    if (!err.isObject()) {
      v.add(Violation.of(check, Location.pointer("/error"), "the error body has no error object", "object",
          err.isMissingNode() ? "absent" : err.toString()));
      return v;
    }
    String type = err.path("type").asText(null);
    if (type == null || !ERROR_TYPES.contains(type)) {
      v.add(Violation.of(check, Location.pointer("/error/type"), "error.type is not a documented Anthropic error type",
          "one of " + new java.util.TreeSet<>(ERROR_TYPES), err.has("type") ? err.get("type").toString() : "absent"));
    }
    if (!err.path("message").isTextual()) {
      v.add(Violation.of(check, Location.pointer("/error/message"), "error.message is not a string", "string",
          err.has("message") ? err.get("message").toString() : "absent"));
    }
    return v;
  }

  static String errorType(Exchange e) {
    return e.json().map(j -> j.path("error").path("type").asText(null)).orElse(null);
  }

  static String quote(String s) {
    return "'" + s.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }
}
