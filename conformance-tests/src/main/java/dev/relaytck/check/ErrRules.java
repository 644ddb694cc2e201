package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.ErrCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.recordings.format.Fault;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ERR: upstream errors reach the client with their status, Anthropic shape and type, and nothing internal. */
final class ErrRules {
  /** Stack frames of the usual server stacks and absolute server paths. */
  private static final Pattern LEAK = Pattern.compile(
      "(\\bat [\\w$.]+\\([\\w$]+\\.(java|kt|scala):\\d+\\))"
          + "|(Traceback \\(most recent call last\\))"
          + "|(File \"[^\"]+\\.py\", line \\d+)"
          + "|(\\bat [^\\s()]+ \\((/|[A-Za-z]:\\\\)[^)]*\\.[cm]?[jt]s:\\d+:\\d+\\))"
          + "|(goroutine \\d+ \\[)"
          + "|(panicked at )"
          + "|(\\b[\\w.]+(Exception|Error): .*\\n\\s+at )"
          + "|((?<![\\w/])/(home|root|usr/src|var/www|opt|srv|app)/[\\w./-]+\\.(java|py|js|ts|go|rb|php|rs))");

  private ErrRules() {}

  static boolean errorScenario(Scenario s) {
    return s.recordedStatus() >= 400;
  }

  static String expectedType(Scenario s) {
    Fault f = s.fault();
    if (f != null && f.errorType() != null && !f.errorType().isBlank()) return f.errorType();
    byte[] body = s.recording().response().body();
    if (body != null) {
      try {
        String t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("error").path("type").asText(null);
        if (t != null) return t;
      } catch (java.io.IOException e) {
        // fall back to the documented type of the status
      }
    }
    return Responses.ERROR_TYPE_BY_STATUS.get(s.recordedStatus());
  }

  static List<CheckEvaluator> all() {
    List<CheckEvaluator> rules = new ArrayList<>();
    rules.add(new Rule(ErrCheck.ERR_010, Applies.when(ErrRules::errorScenario, "not an error scenario"), ErrRules::shape));
    Map<ErrCheck, Integer> byStatus = new java.util.LinkedHashMap<>();
    byStatus.put(ErrCheck.ERR_020, 400);
    byStatus.put(ErrCheck.ERR_030, 401);
    byStatus.put(ErrCheck.ERR_040, 403);
    byStatus.put(ErrCheck.ERR_050, 404);
    byStatus.put(ErrCheck.ERR_060, 413);
    byStatus.put(ErrCheck.ERR_070, 429);
    byStatus.put(ErrCheck.ERR_080, 500);
    byStatus.put(ErrCheck.ERR_090, 529);
    byStatus.forEach((check, status) -> rules.add(new Rule(check,
        Applies.when(s -> s.recordedStatus() == status,
            "no scenario answers " + status),
        p -> preserved(check, p, status))));
    rules.add(new Rule(ErrCheck.ERR_100, Applies.when(ErrRules::errorScenario, "not an error scenario"), ErrRules::noLeak));
    rules.add(new Rule(ErrCheck.ERR_110, Applies.when(s -> s.streaming() && s.streamErrorType().isPresent(),
        "no mid-stream error event in this scenario"), ErrRules::errorEvent));
    rules.add(new Rule(ErrCheck.ERR_120, Applies.hermetic(Applies.when(s -> errorScenario(s) && recordedRequestId(s),
        "the recorded error has no request_id")), ErrRules::requestId));
    return rules;
  }

  private static Verdict shape(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(ErrCheck.ERR_010, e).ifPresent(v::add);
    if (v.isEmpty() && e.status() >= 400) v.addAll(Responses.errorShape(ErrCheck.ERR_010, e));
    return Verdict.of(v, "Anthropic error shape", context(e));
  }

  private static Verdict preserved(Check check, Probe p, int status) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(check, e).ifPresent(v::add);
    String expectedType = expectedType(p.scenario());
    if (v.isEmpty()) {
      if (e.status() != status) {
        v.add(Violation.of(check, Location.NONE, "the upstream's " + status + " reached the client as another status: "
            + Responses.quote(e.excerpt(200)), status, e.status()));
      } else {
        String type = Responses.errorType(e);
        if (expectedType != null && !expectedType.equals(type)) {
          v.add(Violation.of(check, Location.pointer("/error/type"), "the error type was changed or lost",
              expectedType, type == null ? "body " + Responses.quote(e.excerpt(200)) : type));
        }
      }
    }
    return Verdict.of(v, status + " " + expectedType + " preserved", context(e));
  }

  private static Verdict noLeak(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    String body = e.bodyText();
    Matcher m = LEAK.matcher(body);
    if (m.find()) {
      v.add(Violation.of(ErrCheck.ERR_100, Location.byteOffset(body.substring(0, m.start()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
          "the error body leaks a stack trace or server path", "an Anthropic error message", Responses.quote(m.group())));
    } else {
      // Inside JSON the trace is escaped (\n\tat ...): look at the decoded strings too.
      e.json().ifPresent(j -> strings(j, "", (pointer, text) -> {
        Matcher mm = LEAK.matcher(text);
        if (v.isEmpty() && mm.find()) {
          v.add(Violation.of(ErrCheck.ERR_100, Location.pointer(pointer), "the error body leaks a stack trace or server path",
              "an Anthropic error message", Responses.quote(mm.group())));
        }
      }));
    }
    return Verdict.of(v, "nothing internal in the error body", context(e));
  }

  private static void strings(JsonNode n, String at, java.util.function.BiConsumer<String, String> visit) {
    if (n.isTextual()) {
      visit.accept(at, n.asText());
    } else if (n.isObject()) {
      n.fields().forEachRemaining(f -> strings(f.getValue(), at + "/" + f.getKey(), visit));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) strings(n.get(i), at + "/" + i, visit);
    }
  }

  private static Verdict errorEvent(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    String expectedType = p.scenario().streamErrorType().orElse(null);
    if (e.status() < 0 || !SseRules.looksLikeStream(e)) {
      v.add(Violation.of(ErrCheck.ERR_110, Location.NONE, "no event stream: " + e.summary()));
      return Verdict.of(v, "", context(e));
    }
    List<SseEvent> events = e.framing().events();
    int errorAt = -1;
    for (SseEvent ev : events) {
      String type = SseRules.parse(ev.data()).map(j -> j.path("type").asText(null)).orElse(ev.event());
      if ("error".equals(type) && errorAt < 0) {
        errorAt = ev.index();
        String errType = SseRules.parse(ev.data()).map(j -> j.path("error").path("type").asText(null)).orElse(null);
        if (expectedType != null && !expectedType.equals(errType)) {
          v.add(Violation.of(ErrCheck.ERR_110, Location.event(ev.index(), ev.byteOffset()), "the error event's type was changed",
              expectedType, errType));
        }
      } else if (errorAt >= 0 && ("message_delta".equals(type) || "message_stop".equals(type))) {
        v.add(Violation.of(ErrCheck.ERR_110, Location.event(ev.index(), ev.byteOffset()),
            "a normal ending was fabricated after the error event", "nothing after the error event", type));
      }
    }
    if (errorAt < 0) {
      SseEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
      v.add(Violation.of(ErrCheck.ERR_110, last == null ? Location.byteOffset(0) : Location.event(last.index(), last.byteOffset()),
          "the upstream's mid-stream error event never reached the client", "event: error (" + expectedType + ")",
          last == null ? "no events" : "last event " + last.event()));
    }
    return Verdict.of(v, "error event delivered", context(e));
  }

  private static boolean recordedRequestId(Scenario s) {
    byte[] body = s.recording().response().body();
    return body != null && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("\"request_id\"");
  }

  private static Verdict requestId(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Optional<JsonNode> json = e.json();
    if (json.isEmpty() || !json.get().path("request_id").isTextual()) {
      v.add(Violation.of(ErrCheck.ERR_120, Location.pointer("/request_id"), "the error body lost its request_id",
          "a request_id string", json.map(j -> j.path("request_id").isMissingNode() ? "absent" : j.path("request_id").toString()).orElse("no JSON body")));
    }
    return Verdict.of(v, "request_id kept", context(e));
  }
}
