package dev.relaytck.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.ThinkCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * THINK: thinking blocks signed (streams: a signature_delta before the block's stop),
 * redacted_thinking passed through, a thinking block sent back in the next turn accepted and
 * (hermetic) forwarded byte-exact, and thinking equal to the recording (hermetic).
 */
final class ThinkRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ThinkRules() {}

  static List<CheckEvaluator> all() {
    return List.of(
        new Rule(ThinkCheck.THINK_010, recordedOrRequested("thinking"), p -> observedLive(p, "thinking", ThinkRules.signed(p))),
        new Rule(ThinkCheck.THINK_020, recordedOrRequested("redacted_thinking"),
            p -> observedLive(p, "redacted_thinking", Answers.onMessage(p, ThinkCheck.THINK_020, (e, m) -> redacted(p, m)))),
        new Rule(ThinkCheck.THINK_030, recordedOrRequested("thinking", "redacted_thinking"), ThinkRules::sentBack),
        new Rule(ThinkCheck.THINK_040, Applies.hermetic(recordedOrRequested("thinking")),
            p -> Answers.onMessage(p, ThinkCheck.THINK_040, (e, m) -> sameThinking(p, m))));
  }

  /**
   * Hermetic: the recording has a block of {@code type}. Live: the request enables thinking
   * (redacted blocks: and the scenario is about them; only a special prompt makes the API send one).
   */
  private static BiFunction<Scenario, RunContext, Optional<String>> recordedOrRequested(String... types) {
    String type = types[0];
    return (s, run) -> {
      if (!Applies.successfulMessage(s)) return Optional.of("not a successful message scenario");
      if (run.config().hermetic()) {
        return Answers.recorded(s).map(m -> !Answers.blocks(m, types).isEmpty()).orElse(false)
            ? Optional.empty() : Optional.of("the recording has no " + String.join(" or ", types) + " block");
      }
      boolean enabled = Answers.request(s).path("thinking").path("type").asText("").matches("enabled|adaptive");
      if (!enabled) return Optional.of("the scenario does not enable thinking");
      // Live, blocks can be required only where the official API sent them for this very request.
      if (!Answers.recorded(s).map(m -> !Answers.blocks(m, types).isEmpty()).orElse(false)) {
        return Optional.of("the official answer to this request (its recording) has no " + String.join(" or ", types)
            + " block, so none can be required live");
      }
      return type.equals("redacted_thinking") && !s.has("redacted_thinking")
          ? Optional.of("not a redacted thinking scenario") : Optional.empty();
    };
  }

  /** The smallest thinking budget the API accepts: with {@code type: enabled} and this budget the model thinks. */
  static final int MIN_BUDGET_TOKENS = 1024;

  /**
   * Live, a pass means something only if the blocks were there to judge: a relay stripping
   * every thinking block must not pass. With thinking enabled and a budget the model honours, a
   * response without a thinking block fails; where the model may rightly send none (adaptive
   * thinking) the check is inconclusive; redacted_thinking, which no prompt forces, is not observable
   * live at all: skipped, saying the hermetic run checks it.
   */
  private static Verdict observedLive(Probe p, String type, Verdict v) {
    if (p.config().hermetic() || v.outcome() != dev.relaytck.outcome.Outcome.PASSED) return v;
    Exchange e = p.exchange();
    Optional<ObjectNode> m = Answers.message(e);
    if (m.isPresent() && !Answers.blocks(m.get(), type).isEmpty()) return v;
    JsonNode thinking = Answers.request(p.scenario()).path("thinking");
    boolean honoured = "enabled".equals(thinking.path("type").asText()) && thinking.path("budget_tokens").asInt(0) >= MIN_BUDGET_TOKENS;
    if (type.equals("thinking") && honoured) {
      return Verdict.of(List.of(Violation.of(ThinkCheck.THINK_010, Location.pointer("/content"),
          "the request enabled thinking with a budget of " + thinking.path("budget_tokens").asInt()
              + " tokens, yet the response has no thinking block: the relay strips them (or serves a model without thinking)",
          "at least one thinking block", "none")), "", Responses.context(e));
    }
    if (type.equals("redacted_thinking")) {
      // No prompt makes the API send one: live, this check can observe nothing, ever. It is a hermetic check then.
      return Verdict.skip("no redacted_thinking block in the response, and no request can make the model send one:"
          + " not observable live (a hermetic run with --replay checks it)");
    }
    return Verdict.inconclusive("no " + type + " block in the response, so nothing to judge (live: the model may rightly send none"
        + (type.equals("thinking") ? " under " + thinking.path("type").asText("this") + " thinking" : "") + ")", Responses.context(e));
  }

  /** Every thinking block has a non-empty signature; in a stream it arrives as signature_delta before the block stops. */
  private static Verdict signed(Probe p) {
    return Answers.onMessage(p, ThinkCheck.THINK_010, (e, m) -> {
      List<Violation> v = new ArrayList<>();
      if (e.eventStream()) {
        v.addAll(EvtRules.findingsAs(p.run(), e, dev.relaytck.catalog.EvtCheck.EVT_080, ThinkCheck.THINK_010));
      } else {
        for (Map.Entry<Integer, JsonNode> b : Answers.blocks(m, "thinking")) {
          JsonNode sig = b.getValue().path("signature");
          if (!sig.isTextual() || sig.asText().isEmpty()) {
            v.add(Violation.of(ThinkCheck.THINK_010, Location.pointer("/content/" + b.getKey() + "/signature"),
                "a thinking block has no signature", "a non-empty signature", sig.isMissingNode() ? "absent" : JsonDiff.abbreviate(sig)));
          }
        }
      }
      if (p.config().hermetic() && Answers.blocks(m, "thinking").isEmpty()) {
        v.add(Violation.of(ThinkCheck.THINK_010, Location.pointer("/content"), "the recording has a thinking block, the response none",
            "a thinking block", "none"));
      }
      return v;
    });
  }

  /** redacted_thinking blocks arrive, with data; hermetic: the same blocks, data byte for byte, as the recording. */
  private static List<Violation> redacted(Probe p, JsonNode m) {
    List<Violation> v = new ArrayList<>();
    List<Map.Entry<Integer, JsonNode>> actual = Answers.blocks(m, "redacted_thinking");
    for (Map.Entry<Integer, JsonNode> b : actual) {
      if (b.getValue().path("data").asText("").isEmpty()) {
        v.add(Violation.of(ThinkCheck.THINK_020, Location.pointer("/content/" + b.getKey() + "/data"), "a redacted_thinking block has no data",
            "the encrypted data", "absent"));
      }
    }
    if (p.config().hermetic()) {
      List<Map.Entry<Integer, JsonNode>> expected = Answers.recorded(p.scenario()).map(r -> Answers.blocks(r, "redacted_thinking"))
          .orElse(List.of());
      if (expected.size() != actual.size()) {
        v.add(Violation.of(ThinkCheck.THINK_020, Location.pointer("/content"), "redacted_thinking blocks were dropped or added",
            expected.size() + " redacted_thinking blocks", actual.size()));
      } else {
        for (int i = 0; i < expected.size(); i++) {
          String want = expected.get(i).getValue().path("data").asText();
          String got = actual.get(i).getValue().path("data").asText("");
          if (!want.equals(got)) {
            v.add(Violation.of(ThinkCheck.THINK_020, Location.pointer("/content/" + actual.get(i).getKey() + "/data"),
                "the redacted_thinking data was altered", abbreviate(want), abbreviate(got)));
          }
        }
      }
    }
    return v;
  }

  /**
   * Sends the answer back as the assistant turn of a follow-up (thinking blocks, signatures and
   * all) and expects a Message; hermetic: the blocks reached the upstream byte-exact.
   */
  private static Verdict sentBack(Probe p) {
    Exchange first = p.exchange();
    ObjectNode answer = Answers.message(first).orElse(null);
    if (first.status() != 200 || answer == null) {
      return Answers.onMessage(first, ThinkCheck.THINK_030, (e, m) -> List.of());
    }
    ArrayNode history = JSON.createArrayNode();
    for (JsonNode b : answer.path("content")) {
      String t = b.path("type").asText();
      if (t.equals("thinking") || t.equals("redacted_thinking") || t.equals("text")) history.add(b);
    }
    if (Answers.blocks(answer, "thinking", "redacted_thinking").isEmpty()) {
      return Verdict.skip("the first answer had no thinking block to send back");
    }
    Exchange second = p.variant("thinking-sent-back", r -> followUp(r, history));
    return Answers.onMessage(second, ThinkCheck.THINK_030, (e, m) -> p.config().hermetic() ? forwardedExact(p, e) : List.of());
  }

  /** The scenario's request plus the assistant's {@code history} and a short user turn. */
  private static ExchangeRequest followUp(ExchangeRequest r, ArrayNode history) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(r.body());
      ArrayNode messages = (ArrayNode) body.get("messages");
      ObjectNode assistant = messages.addObject();
      assistant.put("role", "assistant");
      assistant.set("content", history);
      ObjectNode user = messages.addObject();
      user.put("role", "user");
      // The marker goes in the last user message too: that is where the replay upstream looks.
      String marker = ScenarioRequests.markerOf(body).map(m -> "\n\n" + m.text()).orElse("");
      user.put("content", "Thanks. Say it once more, briefly." + marker);
      return new ExchangeRequest(r.method(), r.pathAndQuery(), r.headers(), JSON.writeValueAsBytes(body), r.credential());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot build the follow-up request", e);
    }
  }

  /** Hermetic: each thinking/redacted_thinking block of the history reached the upstream with the same strings, signature included. */
  private static List<Violation> forwardedExact(Probe p, Exchange e) {
    List<JournalEntry> entries = p.upstream(e);
    if (entries.isEmpty()) {
      return List.of(Violation.of(ThinkCheck.THINK_030, Location.NONE, "the follow-up never reached the upstream (no journal entry for its marker)"));
    }
    JsonNode sent = e.sentJson().orElse(JSON.missingNode());
    JsonNode up = entries.get(0).json().orElse(null);
    if (up == null) return List.of(Violation.of(ThinkCheck.THINK_030, Location.byteOffset(0), "the forwarded body is not JSON"));
    List<Violation> v = new ArrayList<>();
    JsonNode msgs = sent.path("messages");
    for (int i = 0; i < msgs.size(); i++) {
      JsonNode content = msgs.get(i).path("content");
      for (int j = 0; j < content.size(); j++) {
        JsonNode block = content.get(j);
        String type = block.path("type").asText();
        if (!type.equals("thinking") && !type.equals("redacted_thinking")) continue;
        String at = "/messages/" + i + "/content/" + j;
        JsonNode fwd = up.at(at);
        for (String field : type.equals("thinking") ? List.of("thinking", "signature") : List.of("data")) {
          if (!block.has(field)) continue; // nothing sent, nothing to keep
          String want = block.path(field).asText();
          JsonNode got = fwd.path(field);
          // Byte-exact: the same UTF-8 bytes once the JSON string is decoded (escaping may differ).
          if (!got.isTextual() || !java.util.Arrays.equals(want.getBytes(StandardCharsets.UTF_8), got.asText().getBytes(StandardCharsets.UTF_8))) {
            v.add(Violation.of(ThinkCheck.THINK_030, Location.pointer(at + "/" + field),
                "the " + type + " block sent back reached the upstream with its " + field + " changed", abbreviate(want),
                got.isMissingNode() ? "absent" : abbreviate(got.asText())));
          }
        }
        if (!fwd.path("type").asText("").equals(type)) {
          v.add(Violation.of(ThinkCheck.THINK_030, Location.pointer(at + "/type"), "the block sent back reached the upstream as another type",
              type, fwd.path("type").isMissingNode() ? "absent" : fwd.path("type").asText()));
        }
      }
    }
    return v;
  }

  /** Hermetic: thinking text and signature of each thinking block equal the recording's. */
  private static List<Violation> sameThinking(Probe p, JsonNode m) {
    List<Map.Entry<Integer, JsonNode>> expected = Answers.recorded(p.scenario()).map(r -> Answers.blocks(r, "thinking")).orElse(List.of());
    List<Map.Entry<Integer, JsonNode>> actual = Answers.blocks(m, "thinking");
    if (expected.size() != actual.size()) {
      return List.of(Violation.of(ThinkCheck.THINK_040, Location.pointer("/content"), "a different number of thinking blocks than the recording",
          expected.size(), actual.size()));
    }
    List<Violation> v = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      for (String field : List.of("thinking", "signature")) {
        String want = expected.get(i).getValue().path(field).asText();
        JsonNode got = actual.get(i).getValue().path(field);
        if (!got.isTextual() || !got.asText().equals(want)) {
          v.add(Violation.of(ThinkCheck.THINK_040, Location.pointer("/content/" + actual.get(i).getKey() + "/" + field),
              "the " + field + " differs from the recording", abbreviate(want), got.isMissingNode() ? "absent" : abbreviate(got.asText())));
        }
      }
    }
    return v;
  }

  private static JsonNode parse(String data) {
    if (data == null) return null;
    try {
      return JSON.readTree(data);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 30) + "..." + s.substring(s.length() - 20) + " (" + s.length() + " chars)" : s;
  }
}
