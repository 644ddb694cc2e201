package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.SseCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Ending;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.StreamFraming;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** SSE: the framing of a streamed response as the client received it. */
final class SseRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SseRules() {}

  static List<CheckEvaluator> all() {
    BiFunction<Scenario, RunContext, Optional<String>> streamed = Applies.when(
        s -> s.streaming() && s.messages() && s.recordedStatus() == 200, "not a streaming scenario");
    BiFunction<Scenario, RunContext, Optional<String>> streamedClean = Applies.when(
        s -> s.streaming() && Applies.successfulMessage(s), "not a fault-free streaming scenario");
    return List.of(
        new Rule(SseCheck.SSE_010, streamed, SseRules::contentType),
        new Rule(SseCheck.SSE_020, streamed, p -> onStream(p, SseCheck.SSE_020, SseRules::eventNames)),
        new Rule(SseCheck.SSE_030, streamed, p -> onStream(p, SseCheck.SSE_030, SseRules::oneJsonValue)),
        new Rule(SseCheck.SSE_040, streamed, p -> onStream(p, SseCheck.SSE_040, SseRules::foreignFrames)),
        new Rule(SseCheck.SSE_045, Applies.hermetic(Applies.and(streamedClean, Applies.when(s -> recordedPings(s) > 0,
            "the recording has no ping event"))), p -> onStream(p, SseCheck.SSE_045, (e, f) -> pings(p, f))),
        new Rule(SseCheck.SSE_050, streamed, p -> onStream(p, SseCheck.SSE_050, (e, f) -> utf8(e))),
        new Rule(SseCheck.SSE_055, streamedClean, p -> onStream(p, SseCheck.SSE_055, (e, f) -> replacementCharacters(p, e, f))),
        new Rule(SseCheck.SSE_060, streamedClean, p -> onStream(p, SseCheck.SSE_060, SseRules::boundary)),
        new Rule(SseCheck.SSE_070, streamedClean, p -> onStream(p, SseCheck.SSE_070, SseRules::endsWithStop)),
        new Rule(SseCheck.SSE_080, Applies.and(streamedClean, LiveRules.liveOr(SseRules::pausable)),
            p -> p.config().hermetic() ? incremental(p) : LiveRules.notInOneBurst(p)));
  }

  private static Verdict contentType(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    if (e.status() < 0) {
      v.add(Violation.of(SseCheck.SSE_010, Location.NONE, "no response from the relay: " + e.summary()));
    } else if (!e.eventStream()) {
      v.add(Violation.of(SseCheck.SSE_010, Location.header("content-type"), "a streaming request was not answered with a stream",
          "text/event-stream", e.header("content-type").orElse("absent") + " (status " + e.status() + ")"));
    }
    return Verdict.of(v, "text/event-stream", context(e));
  }

  private static Verdict onStream(Probe p, Check check, BiFunction<Exchange, StreamFraming, List<Violation>> rule) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    if (e.status() < 0) {
      v.add(Violation.of(check, Location.NONE, "no response from the relay: " + e.summary()));
    } else if (!looksLikeStream(e)) {
      v.add(Violation.of(check, Location.header("content-type"), "no event stream to check (see SSE-010)",
          "text/event-stream", e.header("content-type").orElse("absent")));
    } else {
      v.addAll(rule.apply(e, e.framing()));
    }
    return Verdict.of(v, "ok over " + e.framing().events().size() + " events", context(e));
  }

  private static List<Violation> eventNames(Exchange e, StreamFraming f) {
    List<Violation> v = new ArrayList<>();
    for (SseEvent ev : f.events()) {
      Optional<JsonNode> data = parse(ev.data());
      if (data.isEmpty()) continue; // SSE-030's finding
      String type = data.get().path("type").asText(null);
      if (ev.event() == null) {
        v.add(Violation.of(SseCheck.SSE_020, Location.event(ev.index(), ev.byteOffset()), "the event has no event: line",
            "event: " + type, "none"));
      } else if (type != null && !ev.event().equals(type)) {
        v.add(Violation.of(SseCheck.SSE_020, Location.event(ev.index(), ev.byteOffset()), "event: line differs from data.type",
            type, ev.event()));
      }
    }
    return v;
  }

  private static List<Violation> oneJsonValue(Exchange e, StreamFraming f) {
    List<Violation> v = new ArrayList<>();
    for (SseEvent ev : f.events()) {
      if ("[DONE]".equals(ev.data())) continue; // SSE-040's finding
      if (ev.data() == null) {
        v.add(Violation.of(SseCheck.SSE_030, Location.event(ev.index(), ev.byteOffset()), "the event has no data: line",
            "one JSON object", "event: " + ev.event() + " without data"));
        continue;
      }
      String problem = jsonProblem(ev.data());
      if (problem != null) {
        v.add(Violation.of(SseCheck.SSE_030, Location.event(ev.index(), ev.byteOffset()), problem, "one JSON object",
            Responses.quote(ev.data().length() > 80 ? ev.data().substring(0, 80) + "..." : ev.data())));
      }
    }
    return v;
  }

  private static List<Violation> foreignFrames(Exchange e, StreamFraming f) {
    List<Violation> v = new ArrayList<>();
    for (SseEvent ev : f.events()) {
      if (ev.data() != null && "[DONE]".equals(ev.data().trim())) {
        v.add(Violation.of(SseCheck.SSE_040, Location.event(ev.index(), ev.byteOffset()), "an OpenAI-style terminator in an Anthropic stream",
            "only Anthropic events (the stream ends with message_stop)", "data: [DONE]"));
      }
    }
    return v;
  }

  static List<Violation> utf8(Exchange e) {
    byte[] body = e.body();
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length + 1);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      StringBuilder hex = new StringBuilder();
      for (int i = at; i < Math.min(body.length, at + Math.max(r.length(), 1) + 3); i++) hex.append(String.format("%02X ", body[i]));
      return List.of(Violation.of(SseCheck.SSE_050, Location.byteOffset(at), "invalid UTF-8 in the stream",
          "a valid UTF-8 sequence", "bytes " + hex.toString().trim()));
    }
    return List.of();
  }

  /** The ping events of the scenario's recording. */
  static long recordedPings(Scenario s) {
    List<dev.relaytck.recordings.format.RecordedEvent> events = s.recording().response().events();
    if (events == null) return 0;
    return events.stream().filter(r -> isPing(new String(r.bytes(), StandardCharsets.UTF_8))).count();
  }

  private static boolean isPing(String eventText) {
    return eventText.contains("\"type\":\"ping\"") || eventText.contains("\"type\": \"ping\"");
  }

  /** SSE-045: at least as many ping events reached the client as the upstream sent (a relay may add its own). */
  private static List<Violation> pings(Probe p, StreamFraming f) {
    long sent = recordedPings(p.scenario());
    long got = f.events().stream().filter(ev -> "ping".equals(ev.event())
        || parse(ev.data()).map(j -> "ping".equals(j.path("type").asText())).orElse(false)).count();
    if (got >= sent) return List.of();
    return List.of(Violation.of(SseCheck.SSE_045, Location.NONE, "the upstream sent " + sent + " ping event(s), the client received "
        + got + ": the relay filters them", "at least " + sent + " ping event(s)", got));
  }

  /** U+FFFD encoded as UTF-8: a replacement character that arrived as such, not bytes SSE-050 finds invalid. */
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  /**
   * SSE-055: the client's stream carries no more U+FFFD characters than the upstream sent (the
   * recording, hermetic; none known live). Escaped {@code \\ufffd} is text, not a corruption, and
   * invalid bytes are SSE-050's.
   */
  private static List<Violation> replacementCharacters(Probe p, Exchange e, StreamFraming f) {
    int sent = 0;
    List<dev.relaytck.recordings.format.RecordedEvent> recorded = p.scenario().recording().response().events();
    if (p.config().hermetic() && recorded != null) {
      for (dev.relaytck.recordings.format.RecordedEvent r : recorded) sent += occurrences(r.bytes(), REPLACEMENT, Integer.MAX_VALUE).size();
    }
    List<Integer> found = occurrences(e.body(), REPLACEMENT, sent + 1);
    if (found.size() <= sent) return List.of();
    int at = found.get(sent);
    SseEvent in = null;
    for (SseEvent ev : f.events()) {
      if (ev.byteOffset() <= at) in = ev;
    }
    return List.of(Violation.of(SseCheck.SSE_055, in == null ? Location.byteOffset(at) : Location.event(in.index(), at),
        "a U+FFFD replacement character the upstream did not send (" + (sent == 0 ? "it sent none" : "it sent " + sent)
            + "): the mark of a multibyte character decoded from a partial read",
        "the upstream's text, multibyte characters intact", "U+FFFD at byte " + at));
  }

  /** The offsets of {@code needle} in {@code hay}, at most {@code limit} of them. */
  private static List<Integer> occurrences(byte[] hay, byte[] needle, int limit) {
    List<Integer> out = new ArrayList<>();
    outer:
    for (int i = 0; i + needle.length <= hay.length && out.size() < limit; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) continue outer;
      }
      out.add(i);
    }
    return out;
  }

  private static List<Violation> boundary(Exchange e, StreamFraming f) {
    if (f.trailingOffset() >= 0) {
      String rest = new String(e.body(), (int) f.trailingOffset(), e.body().length - (int) f.trailingOffset(), StandardCharsets.UTF_8);
      return List.of(Violation.of(SseCheck.SSE_060, Location.byteOffset(f.trailingOffset()),
          "the stream ends inside an event (no blank line after it)", "a blank line ending the last event",
          Responses.quote(rest.length() > 80 ? rest.substring(0, 80) + "..." : rest)));
    }
    return List.of();
  }

  private static List<Violation> endsWithStop(Exchange e, StreamFraming f) {
    List<SseEvent> events = f.events();
    if (events.isEmpty()) {
      return List.of(Violation.of(SseCheck.SSE_070, Location.byteOffset(0), "the stream has no events: " + e.summary(),
          "message_stop as the last event", "no events"));
    }
    SseEvent last = events.get(events.size() - 1);
    String type = parse(last.data()).map(j -> j.path("type").asText(null)).orElse(last.event());
    if (!"message_stop".equals(type) && !"error".equals(type)) {
      return List.of(Violation.of(SseCheck.SSE_070, Location.event(last.index(), last.byteOffset()),
          "the stream's last event is not message_stop (" + e.ending() + (e.endingDetail() == null ? "" : ": " + e.endingDetail()) + ")",
          "message_stop", type));
    }
    if (e.ending() == Ending.IDLE_TIMEOUT || e.ending() == Ending.TOTAL_TIMEOUT) {
      return List.of(Violation.of(SseCheck.SSE_070, Location.event(last.index(), last.byteOffset()),
          "the relay kept the response open after message_stop: " + e.endingDetail(), "the response ends after message_stop", e.ending()));
    }
    return List.of();
  }

  static final long PAUSE_MS = dev.relaytck.catalog.Thresholds.SSE_080_PAUSE_MS;
  static final double MIN_SPAN_FRACTION = dev.relaytck.catalog.Thresholds.SSE_080_MIN_SPAN_FRACTION;

  /**
   * SSE-080 is probed once, on the timing probes' stream, with relay-tck's replay upstream
   * pausing after the first event (its fault suffix); the kit's idle timeout must outlast the pause.
   */
  private static Optional<String> pausable(dev.relaytck.scenario.Scenario s, RunContext run) {
    if (!run.config().hermetic()) {
      return Optional.of("hermetic only: the pacing of a live upstream is unknown, so buffering cannot be told from a fast answer");
    }
    if (run.replayTimeScale().isEmpty()) {
      return Optional.of("the upstream publishes no GET /__admin/relay-tck/info: not relay-tck's replay upstream, which paces the probe");
    }
    if (FaultRules.streamProbeScenario(run).filter(p -> p.id().equals(s.id())).isEmpty()) {
      return Optional.of("probed once, on the first fault-free streamed scenario");
    }
    long idle = run.config().timeouts().idle().toMillis();
    if (idle < PAUSE_MS + 500) {
      return Optional.of("the kit's own idle timeout (" + idle + " ms) would end the " + PAUSE_MS
          + " ms pause itself: raise relaytck.timeout.idleMs");
    }
    return Optional.empty();
  }

  /**
   * SSE-080: the upstream sends the first event, pauses {@link #PAUSE_MS}, then the rest; a
   * streaming relay shows the client that pause between its first and last events, a buffering
   * one delivers everything together once the upstream has finished.
   */
  private static Verdict incremental(Probe p) {
    Exchange e = p.faultVariant("stall@1=" + PAUSE_MS, Long.MAX_VALUE);
    double needed = PAUSE_MS * MIN_SPAN_FRACTION;
    List<Violation> v = new ArrayList<>();
    if (e.status() < 0) {
      v.add(Violation.of(SseCheck.SSE_080, Location.NONE, "no response from the relay: " + e.summary()));
      return Verdict.of(v, "", context(e));
    }
    List<SseEvent> events = looksLikeStream(e) ? e.framing().events() : List.of();
    if (events.size() < 2 && e.ending() != Ending.COMPLETE && e.status() == 200) {
      // Cut during the pause: FAULT-040's finding; nothing arrived to time, so no verdict on buffering.
      return Verdict.skip("the stream was cut during the " + PAUSE_MS + " ms upstream pause (" + e.summary()
          + "; see FAULT-040): nothing to time");
    }
    if (events.size() < 2) {
      v.add(Violation.of(SseCheck.SSE_080, Location.NONE, "fewer than two events arrived, nothing to time: " + e.summary(),
          "the stream's events, the first " + PAUSE_MS + " ms before the rest", events.size() + " events"));
      return Verdict.of(v, "", context(e));
    }
    SseEvent first = events.get(0);
    SseEvent last = events.get(events.size() - 1);
    double firstMs = (first.arrivalNanos() - e.sentNanos()) / 1e6;
    double lastMs = (last.arrivalNanos() - e.sentNanos()) / 1e6;
    double span = lastMs - firstMs;
    String timing = String.format(java.util.Locale.ROOT, "first event (#%d) arrived %.0f ms after the request, last (#%d) at %.0f ms",
        first.index(), firstMs, last.index(), lastMs);
    if (span < needed) {
      v.add(Violation.of(SseCheck.SSE_080, Location.event(last.index(), last.byteOffset()),
          String.format(java.util.Locale.ROOT, "the client received nothing until the upstream had finished: the upstream paused %d ms"
              + " after event #0, yet the client saw all %d events within %.0f ms (%s)", PAUSE_MS, events.size(), span, timing),
          String.format(java.util.Locale.ROOT, "a span of at least %.0f ms", needed), String.format(java.util.Locale.ROOT, "%.0f ms", span)));
    }
    java.util.Map<String, Object> ctx = new java.util.LinkedHashMap<>(context(e));
    ctx.put("upstreamPauseMs", PAUSE_MS);
    ctx.put("clientSpanMs", Math.round(span));
    ctx.put("firstEventMs", Math.round(firstMs));
    ctx.put("lastEventMs", Math.round(lastMs));
    return Verdict.of(v, String.format(java.util.Locale.ROOT, "incremental: %s (the upstream paused %d ms after event #0)", timing, PAUSE_MS), ctx);
  }

  /**
   * An event stream by its label or, mislabelled, by its bytes: the label is SSE-010's finding
   * alone, so a relabelled stream still gets its framing checked.
   */
  static boolean looksLikeStream(Exchange e) {
    if (e.eventStream()) return true;
    String head = e.excerpt(64).stripLeading();
    return e.status() == 200 && (head.startsWith("event:") || head.startsWith("data:") || head.startsWith(":"));
  }

  static Optional<JsonNode> parse(String data) {
    if (data == null) return Optional.empty();
    try {
      JsonNode n = JSON.readTree(data);
      return Optional.ofNullable(n).filter(JsonNode::isObject);
    } catch (IOException ex) {
      return Optional.empty();
    }
  }

  /** Why {@code data} is not exactly one JSON object, or {@code null} when it is. */
  private static String jsonProblem(String data) {
    try (JsonParser parser = JSON.getFactory().createParser(data)) {
      JsonToken first = parser.nextToken();
      if (first == null) return "empty data";
      if (first != JsonToken.START_OBJECT) return "data is not a JSON object";
      parser.skipChildren();
      if (parser.nextToken() != null) return "more than one JSON value in one event's data";
      return null;
    } catch (IOException ex) {
      return "data is not valid JSON (" + (ex instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : ex.getMessage()) + ")";
    }
  }
}
