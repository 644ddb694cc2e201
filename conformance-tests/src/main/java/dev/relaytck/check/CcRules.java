package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.CcCheck;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.scenario.Marker;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Chunk;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.JournalEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * CC: the Claude Code profile. Fidelity checks read what the relay forwarded from the replay
 * journal (hermetic), on the scenarios derived from the pinned CLI's captured requests; the side
 * endpoints are probed once, on the scenario that starts a print-mode session
 * ({@link ClaudeCodeRecordings#SESSION_START}). CC-140 (the real CLI) is
 * {@link ClaudeCodeSession}.
 */
final class CcRules {
  /** Claude Code's stream idle watchdog (env-vars: CLAUDE_STREAM_IDLE_TIMEOUT_MS, minimum 300000). */
  static final long WATCHDOG_MS = 300_000;
  /** The stall CC-130 injects: shorter than the watchdog by a margin a relay's own timer may use. */
  static final long STALL_MS = 280_000;
  /** The upstream pause after message_start that CC-060 injects; not scaled, a property of the probe. */
  static final long PAUSE_MS = 1000;
  private static final List<String> CC_HEADERS = List.of("x-app", "x-claude-code-session-id",
      "anthropic-dangerous-direct-browser-access");

  private CcRules() {}

  static List<CheckEvaluator> all() {
    BiFunction<Scenario, RunContext, Optional<String>> cc = Applies.when(s -> s.has(ScenarioRequests.CLAUDE_CODE),
        "not a Claude Code scenario");
    BiFunction<Scenario, RunContext, Optional<String>> ccOk = Applies.hermetic(Applies.and(cc,
        Applies.when(s -> s.recordedStatus() == 200, "the upstream answers an error here")));
    BiFunction<Scenario, RunContext, Optional<String>> ccMain = Applies.and(ccOk,
        Applies.when(s -> s.messages() && s.streaming(), "not a streamed Claude Code main-loop request"));
    // The once-per-run probes ride on the scenario the recordings mark as a print-mode session's first request.
    BiFunction<Scenario, RunContext, Optional<String>> primary = Applies.when(s -> s.has(ClaudeCodeRecordings.SESSION_START),
        "probed once, on the scenario that starts a print-mode session (feature " + ClaudeCodeRecordings.SESSION_START + ")");
    List<CheckEvaluator> rules = new ArrayList<>();
    rules.add(new Rule(CcCheck.CC_010, ccOk, p -> on(p, CcCheck.CC_010, CcRules::protocolHeaders)));
    rules.add(new Rule(CcCheck.CC_020, ccOk, p -> on(p, CcCheck.CC_020, CcRules::ownHeaders)));
    rules.add(new Rule(CcCheck.CC_030, ccOk, p -> on(p, CcCheck.CC_030, CcRules::pathAndQuery)));
    rules.add(new Rule(CcCheck.CC_040, Applies.and(ccOk, Applies.when(s -> s.recording().request().body().has("system"),
        "the request has no system blocks")), p -> on(p, CcCheck.CC_040, CcRules::system)));
    rules.add(new Rule(CcCheck.CC_050, ccOk, p -> on(p, CcCheck.CC_050, f -> body(p, f))));
    rules.add(new Rule(CcCheck.CC_060, Applies.and(ccMain, primary), CcRules::eventByEvent));
    BiFunction<Scenario, RunContext, Optional<String>> countTokens = Applies.and(cc,
        Applies.when(s -> "/v1/messages/count_tokens".equals(s.recording().request().path()), "not a count_tokens scenario"));
    rules.add(new Rule(CcCheck.CC_070, countTokens, CcRules::countTokensServed));
    rules.add(new Rule(CcCheck.CC_080, countTokens, CcRules::countTokensShape));
    rules.add(new Rule(CcCheck.CC_090, primary, CcRules::models));
    rules.add(new Rule(CcCheck.CC_100, primary, CcRules::head));
    rules.add(new Rule(CcCheck.CC_110, Applies.hermetic(Applies.and(cc, Applies.when(s -> s.has("background"),
        "not a background call"))), p -> on(p, CcCheck.CC_110, f -> model(p, f))));
    // Hermetic: the error is the replay upstream's answer; a live API would answer the request normally.
    rules.add(new Rule(CcCheck.CC_120, Applies.hermetic(Applies.and(cc, Applies.when(s -> s.recordedStatus() >= 400,
        "the upstream answers no error here"))), CcRules::errorWording));
    rules.add(new Rule(CcCheck.CC_130, Applies.hermetic(Applies.and(cc, primary)), CcRules::stall));
    rules.add(new Rule(CcCheck.CC_140, Applies.hermetic(primary), ClaudeCodeSession::evaluate));
    return rules;
  }

  /** Runs {@code rule} on what reached the upstream; nothing reaching it is itself a violation. */
  private static Verdict on(Probe p, Check check, Function<Forwarded, List<Violation>> rule) {
    Exchange e = p.exchange();
    if (isCountTokens(p.scenario()) && notServed(e) && p.upstream(e).isEmpty()) {
      // count_tokens is optional for a relay: not forwarding it is CC-070's finding, not a fidelity failure.
      return Verdict.skip("count_tokens is not served (status " + e.status() + "): see CC-070");
    }
    return Forwarded.on(p, check, rule);
  }

  private static List<Violation> protocolHeaders(Forwarded f) {
    List<Violation> v = new ArrayList<>(f.sameHeader(CcCheck.CC_010, "anthropic-version"));
    String sent = f.sentHeader("anthropic-beta");
    Optional<String> up = f.entry().header("anthropic-beta");
    if (sent != null && (up.isEmpty() || !up.get().trim().equals(sent.trim()))) {
      List<String> missing = new ArrayList<>(List.of(sent.split(",")));
      up.ifPresent(u -> missing.removeAll(List.of(u.split(","))));
      v.add(Violation.of(CcCheck.CC_010, Location.header("anthropic-beta"),
          "anthropic-beta did not reach the upstream verbatim" + (missing.isEmpty() ? "" : " (dropped: " + String.join(",", missing) + ")"),
          sent, up.orElse("absent")));
    }
    return v;
  }

  private static List<Violation> ownHeaders(Forwarded f) {
    List<Violation> v = new ArrayList<>();
    for (String name : f.exchange().sentHeaders().keySet()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (CC_HEADERS.contains(n) || n.startsWith("x-stainless-")) v.addAll(f.sameHeader(CcCheck.CC_020, n));
    }
    return v;
  }

  private static List<Violation> pathAndQuery(Forwarded f) {
    List<Violation> v = new ArrayList<>(f.samePath(CcCheck.CC_030));
    v.addAll(f.sameQuery(CcCheck.CC_030));
    return v;
  }

  private static List<Violation> system(Forwarded f) {
    JsonNode sent = f.sent().path("system");
    JsonNode up = f.upstream().path("system");
    if (sent.equals(up)) return List.of();
    List<Violation> v = new ArrayList<>();
    if (!up.isArray()) {
      v.add(Violation.of(CcCheck.CC_040, Location.pointer("/system"), "the system blocks were turned into "
          + (up.isMissingNode() ? "nothing" : up.getNodeType().name().toLowerCase(Locale.ROOT)),
          "an array of " + sent.size() + " text blocks", up.isMissingNode() ? "absent" : Responses.quote(excerpt(up.toString()))));
      return v;
    }
    if (up.size() != sent.size()) {
      v.add(Violation.of(CcCheck.CC_040, Location.pointer("/system"), "the number of system blocks changed (merged, split or added)",
          sent.size(), up.size()));
    }
    if (!sent.path(0).equals(up.path(0))) {
      v.add(Violation.of(CcCheck.CC_040, Location.pointer("/system/0"), "the first system block (the attribution block) is not first and unchanged",
          Responses.quote(excerpt(sent.path(0).path("text").asText())), Responses.quote(excerpt(up.path(0).path("text").asText()))));
    }
    if (v.isEmpty()) v.addAll(JsonDiff.diff(CcCheck.CC_040, "/system", sent, up, "the client's request", true));
    return v;
  }

  private static String excerpt(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  private static List<Violation> body(Probe p, Forwarded f) {
    JsonNode up = f.upstream().deepCopy();
    String model = f.sent().path("model").asText(null);
    if (model != null && up instanceof ObjectNode o && p.config().mappedModel(model).equals(up.path("model").asText(null))) {
      o.put("model", model);
    }
    return JsonDiff.diff(CcCheck.CC_050, "", f.sent(), up, "the client's request", true);
  }

  private static List<Violation> model(Probe p, Forwarded f) {
    String sent = f.sent().path("model").asText(null);
    String up = f.upstream().path("model").asText(null);
    String allowed = sent == null ? null : p.config().mappedModel(sent);
    if (sent != null && !sent.equals(up) && !allowed.equals(up)) {
      return List.of(Violation.of(CcCheck.CC_110, Location.pointer("/model"),
          "the background request reached the upstream with another model (declare renames with --model-map)",
          allowed, up == null ? "absent" : up));
    }
    return List.of();
  }

  /**
   * Buffering shows as events held back: the replay upstream sends message_start, pauses
   * {@value #PAUSE_MS} ms, then the rest. A relay that passes events on as they come delivers
   * message_start at least half the pause before the last event (the other half is left to the
   * server's own lateness); a buffering one delivers everything after the pause, at once.
   */
  private static Verdict eventByEvent(Probe p) {
    Marker marker = Marker.fresh(p.scenario().id()).withFault("stall@1=" + PAUSE_MS);
    Exchange e = p.run().cache().get(p.scenario().id() + "#pause",
        () -> p.run().client().send(p.scenario().id() + "#pause", ScenarioRequests.build(p.scenario(), p.config(), marker)));
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(CcCheck.CC_060, e).ifPresent(v::add);
    Map<String, Object> ctx = context(e);
    if (v.isEmpty() && (e.status() != 200 || !e.eventStream())) {
      v.add(Violation.of(CcCheck.CC_060, Location.NONE, "the streamed request was not answered with a stream", "200 text/event-stream",
          e.status() + " " + e.mediaType()));
    }
    if (v.isEmpty()) {
      List<SseEvent> events = e.framing().events();
      if (events.size() < 2) {
        v.add(Violation.of(CcCheck.CC_060, Location.NONE, "the stream ended early", "the recorded events", events.size() + " event(s)"));
      } else {
        double firstMs = arrivalMs(e, events.get(0).byteOffset());
        double lastMs = arrivalMs(e, events.get(events.size() - 1).byteOffset());
        ctx.put("upstreamPauseMs", PAUSE_MS);
        ctx.put("firstToLastEventMs", Math.round(lastMs - firstMs));
        if (lastMs - firstMs < PAUSE_MS / 2.0) {
          v.add(Violation.of(CcCheck.CC_060, Location.event(0, events.get(0).byteOffset()),
              "message_start reached the client only " + Math.round(lastMs - firstMs) + " ms before the last of " + events.size()
                  + " events, although the upstream sent it " + PAUSE_MS + " ms before the rest: the relay buffers the stream",
              "message_start at least " + PAUSE_MS / 2 + " ms ahead", Math.round(lastMs - firstMs) + " ms ahead"));
        }
      }
    }
    return Verdict.of(v, "streamed event by event", ctx);
  }

  /** When the chunk holding byte {@code offset} of the body arrived, in ms after the request was sent. */
  private static double arrivalMs(Exchange e, long offset) {
    long seen = 0;
    for (Chunk c : e.chunks()) {
      seen += c.bytes().length;
      if (seen > offset) return (c.arrivalNanos() - e.sentNanos()) / 1e6;
    }
    return (e.endNanos() - e.sentNanos()) / 1e6;
  }

  private static boolean isCountTokens(Scenario s) {
    return "/v1/messages/count_tokens".equals(s.recording().request().path());
  }

  private static boolean notServed(Exchange e) {
    return e.status() == 404 || e.status() == 405 || e.status() == 501;
  }

  private static Verdict countTokensServed(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(CcCheck.CC_070, e).ifPresent(v::add);
    if (v.isEmpty() && notServed(e)) {
      v.add(Violation.of(CcCheck.CC_070, Location.NONE, "count_tokens is not served: " + Responses.quote(e.excerpt(160)),
          "a count_tokens answer", e.status()));
    }
    return Verdict.of(v, "count_tokens served", context(e));
  }

  private static Verdict countTokensShape(Probe p) {
    Exchange e = p.exchange();
    if (e.status() > 0 && notServed(e)) return Verdict.skip("count_tokens is not served (status " + e.status() + "): see CC-070");
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(CcCheck.CC_080, e).ifPresent(v::add);
    if (v.isEmpty()) {
      JsonNode n = e.json().map(j -> j.path("input_tokens")).orElse(null);
      if (e.status() != 200) {
        v.add(Violation.of(CcCheck.CC_080, Location.NONE, "count_tokens failed: " + Responses.quote(e.excerpt(160)), 200, e.status()));
      } else if (n == null || !n.isIntegralNumber() || n.asLong() <= 0) {
        v.add(Violation.of(CcCheck.CC_080, Location.pointer("/input_tokens"), "the answer has no positive input_tokens",
            "{\"input_tokens\": n > 0}", Responses.quote(e.excerpt(160))));
      } else if (p.config().hermetic()) {
        long recorded = MsgRules.recorded(p).path("input_tokens").asLong(-1);
        if (recorded > 0 && recorded != n.asLong()) {
          v.add(Violation.of(CcCheck.CC_080, Location.pointer("/input_tokens"), "differs from the upstream's answer", recorded, n.asLong()));
        }
      }
    }
    return Verdict.of(v, "input_tokens answered", context(e));
  }

  private static Verdict models(Probe p) {
    Exchange e = p.variant("models-1000", r -> ExchangeRequest.get("/v1/models?limit=1000"));
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(CcCheck.CC_090, e).ifPresent(v::add);
    if (v.isEmpty()) {
      if (e.status() >= 300 && e.status() < 400) {
        v.add(Violation.of(CcCheck.CC_090, Location.header("location"), "GET /v1/models?limit=1000 was redirected (Claude Code treats any redirect as failure)",
            200, e.status() + " to " + e.header("location").orElse("nowhere")));
      } else if (e.status() != 200) {
        v.add(Violation.of(CcCheck.CC_090, Location.NONE, "GET /v1/models?limit=1000 was not answered: " + Responses.quote(e.excerpt(160)), 200, e.status()));
      } else {
        List<String> ids = new ArrayList<>();
        e.json().ifPresent(j -> j.path("data").forEach(m -> ids.add(m.path("id").asText(""))));
        if (ids.stream().noneMatch(id -> id.startsWith("claude") || id.startsWith("anthropic"))) {
          v.add(Violation.of(CcCheck.CC_090, Location.pointer("/data"), "no listed id starts with claude or anthropic (Claude Code ignores the others)",
              "ids such as claude-…", ids.isEmpty() ? Responses.quote(e.excerpt(160)) : String.join(",", ids.subList(0, Math.min(5, ids.size())))));
        }
      }
    }
    return Verdict.of(v, "models listed in place", context(e));
  }

  private static Verdict head(Probe p) {
    List<Violation> v = new ArrayList<>();
    Map<String, Object> ctx = new LinkedHashMap<>();
    for (String path : List.of("/", "/api/hello")) {
      Exchange e = p.variant("head" + path, r -> new ExchangeRequest("HEAD", path, Map.of(), null, r.credential()));
      ctx.put("HEAD " + path, e.summary());
      Optional<Violation> none = Responses.noResponse(CcCheck.CC_100, e);
      if (none.isPresent()) {
        v.add(none.get());
      } else if (e.status() >= 500) {
        v.add(Violation.of(CcCheck.CC_100, Location.NONE, "HEAD " + path + " failed", "a status below 500", e.status()));
      }
    }
    return Verdict.of(v, "HEAD answered", ctx);
  }

  private static Verdict errorWording(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(CcCheck.CC_120, e).ifPresent(v::add);
    if (v.isEmpty()) {
      JsonNode recorded = MsgRules.recorded(p);
      int status = p.scenario().recordedStatus();
      String type = recorded.path("error").path("type").asText();
      String message = recorded.path("error").path("message").asText();
      JsonNode got = e.json().orElse(null);
      if (e.status() != status) {
        v.add(Violation.of(CcCheck.CC_120, Location.NONE, "the upstream's error status was changed", status, e.status()));
      }
      if (got == null) {
        v.add(Violation.of(CcCheck.CC_120, Location.byteOffset(0), "the error body is not JSON", Responses.quote(message),
            Responses.quote(e.excerpt(160))));
      } else {
        if (!message.equals(got.path("error").path("message").asText(null))) {
          v.add(Violation.of(CcCheck.CC_120, Location.pointer("/error/message"),
              "the error message was rewritten (Claude Code's recovery matches the upstream's wording)", Responses.quote(message),
              got.path("error").has("message") ? Responses.quote(got.path("error").path("message").asText()) : "absent"));
        }
        // The whole body, as JSON, after the documented normalisation (request_id is volatile: a relay may mint its own).
        for (Violation d : JsonDiff.diff(CcCheck.CC_120, "", withoutRequestId(recorded), withoutRequestId(got), "the upstream's error body", true)) {
          if (!"/error/message".equals(d.location().jsonPointer())) v.add(d);
        }
      }
    }
    return Verdict.of(v, "the error reached the client unmodified", context(e));
  }

  private static JsonNode withoutRequestId(JsonNode body) {
    JsonNode copy = body.deepCopy();
    if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode o) o.remove("request_id");
    return copy;
  }

  private static Verdict stall(Probe p) {
    long stallMs = Math.max(1, Math.round(STALL_MS * p.config().timeScale()));
    Duration idle = p.config().timeouts().idle();
    if (idle.toMillis() <= stallMs + 1000) {
      return Verdict.skip("the kit's own idle timeout (" + idle.toMillis() + " ms) does not outlast the scaled stall (" + stallMs
          + " ms): raise relaytck.timeout.idleMs or lower the time scale");
    }
    Marker marker = Marker.fresh(p.scenario().id()).withFault("stall@3=" + stallMs);
    Exchange e = p.run().cache().get(p.scenario().id() + "#stall",
        () -> p.run().client().send(p.scenario().id() + "#stall", ScenarioRequests.build(p.scenario(), p.config(), marker)));
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(CcCheck.CC_130, e).ifPresent(v::add);
    Map<String, Object> ctx = context(e);
    ctx.put("stallMs", stallMs);
    if (v.isEmpty()) {
      boolean stopped = e.eventStream() && e.framing().events().stream()
          .anyMatch(ev -> SseRules.parse(ev.data()).map(j -> "message_stop".equals(j.path("type").asText())).orElse(false));
      if (e.status() != 200 || !stopped) {
        v.add(Violation.of(CcCheck.CC_130, Location.NONE, "a " + stallMs + " ms upstream pause after event 3 (Claude Code waits "
            + Math.round(WATCHDOG_MS * p.config().timeScale()) + " ms at this time scale) cut the stream: " + e.summary(),
            "the stream completes with message_stop", e.status() != 200 ? "status " + e.status() : "no message_stop (" + e.ending() + ")"));
      }
    }
    return Verdict.of(v, "the stream survived a " + stallMs + " ms pause", ctx);
  }
}
