package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.stream.ResponseValidator;
import dev.relaytck.target.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The Message a response amounts to, streamed or not, for the checks that read content blocks
 * (TOOL, THINK, CACHE): a JSON body as it is, a stream accumulated event by event the way the
 * SDKs do. The grammar of the stream is judged by the EVT checks; here only its result counts.
 */
final class Answers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  /** The Message of {@code e}, or empty when the body holds none (an error, not JSON, no message_start). */
  static Optional<ObjectNode> message(Exchange e) {
    if (e.eventStream()) {
      return Optional.ofNullable(new ResponseValidator().validateStream(e.body()).message());
    }
    return e.json().filter(j -> j instanceof ObjectNode && "message".equals(j.path("type").asText()))
        .map(ObjectNode.class::cast);
  }

  /** What the official API answered in the scenario's recording, as a Message (streams accumulated). */
  static Optional<ObjectNode> recorded(Scenario s) {
    return dev.relaytck.billing.Usage.recorded(s.recording()).filter(ObjectNode.class::isInstance).map(ObjectNode.class::cast);
  }

  /** Whether the recorded stream ends in an {@code error} event (the official API failed mid-stream). */
  static boolean recordedErrorEvent(Scenario s) {
    Recording r = s.recording();
    if (!r.streaming() || r.response().events() == null) return false;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (RecordedEvent ev : r.response().events()) bytes.writeBytes(ev.bytes());
    return new ResponseValidator().validateStream(bytes.toByteArray()).error() != null;
  }

  /** The request body the scenario sends (the recording's), or an empty object. */
  static JsonNode request(Scenario s) {
    JsonNode b = s.recording().request().body();
    return b == null ? JSON.createObjectNode() : b;
  }

  /** The content blocks of {@code message} whose type is one of {@code types}, with their index in content. */
  static List<Map.Entry<Integer, JsonNode>> blocks(JsonNode message, String... types) {
    List<Map.Entry<Integer, JsonNode>> out = new ArrayList<>();
    JsonNode content = message.path("content");
    for (int i = 0; i < content.size(); i++) {
      String t = content.get(i).path("type").asText();
      for (String type : types) {
        if (type.equals(t)) out.add(Map.entry(i, content.get(i)));
      }
    }
    return out;
  }

  /** Whether any content block of any message of the request has one of {@code types}. */
  static boolean requestHasBlock(JsonNode request, String type) {
    for (JsonNode m : request.path("messages")) {
      for (JsonNode b : m.path("content")) {
        if (type.equals(b.path("type").asText())) return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code rule} on the Message the relay answered for the scenario; no response, another
   * status than 200, or a body without a Message are violations of {@code check}.
   */
  static Verdict onMessage(Probe p, Check check, BiFunction<Exchange, ObjectNode, List<Violation>> rule) {
    return onMessage(p.exchange(), check, rule);
  }

  static Verdict onMessage(Exchange e, Check check, BiFunction<Exchange, ObjectNode, List<Violation>> rule) {
    List<Violation> v = new ArrayList<>(answered(check, e));
    if (v.isEmpty()) {
      ObjectNode m = message(e).orElse(null);
      if (m == null) {
        v.add(Violation.of(check, Location.byteOffset(0), "the response holds no Message",
            "a Message" + (e.eventStream() ? " (message_start and its deltas)" : " object"), Responses.quote(e.excerpt(200))));
      } else {
        v.addAll(rule.apply(e, m));
      }
    }
    return Verdict.of(v, "ok", Responses.context(e));
  }

  /** Violations when {@code e} is not a complete 200 answer. */
  static List<Violation> answered(Check check, Exchange e) {
    Optional<Violation> none = Responses.noResponse(check, e);
    if (none.isPresent()) return List.of(none.get());
    if (e.status() != 200) {
      return List.of(Violation.of(check, Location.NONE, "the relay did not answer with a message: " + Responses.quote(e.excerpt(300)),
          200, e.status()));
    }
    return List.of();
  }
}
