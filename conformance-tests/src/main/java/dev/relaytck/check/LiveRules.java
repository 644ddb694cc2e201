package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.MsgCheck;
import dev.relaytck.catalog.SseCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.live.StreamBurst;
import dev.relaytck.live.TokenAgreement;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What a run can see about usage and buffering without comparing text: usage against the count
 * of what was sent and delivered (MSG-110, MSG-120; live from count_tokens, hermetic from the
 * recording's official counts) and, live, buffering from arrival times alone (SSE-080's live
 * judgement). Thin over {@link TokenAgreement} and {@link StreamBurst}. The MSG checks judge the
 * usage field's consistency on the wire and say so; the amount billed is the billing area's
 * (BILL-010, BILL-020), so their messages point there instead of judging the bill themselves.
 */
final class LiveRules {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Content whose token count count_tokens only estimates (images, documents) or that server tools add to. */
  private static final Set<String> ESTIMATED = Set.of("web_search", "server_tool_use", "image_in", "document_in", "redacted_thinking");
  /** Answers with other blocks than text: their output counts what the client does not see as text. */
  private static final Set<String> NOT_TEXT_ONLY = Set.of("thinking", "tool_use", "tool_choice", "citations");

  private LiveRules() {}

  static List<CheckEvaluator> all() {
    return List.of(
        NO_COUNT_TOKENS.gate(new Rule(MsgCheck.MSG_110, message((s, run) -> none(s, ESTIMATED)), LiveRules::inputAgrees)),
        NO_COUNT_TOKENS.gate(new Rule(MsgCheck.MSG_120, message((s, run) -> none(s, union(ESTIMATED, NOT_TEXT_ONLY))),
            LiveRules::outputAgrees)));
  }

  /** SSE-080's applicability: {@code hermetic} in hermetic mode, a long stream live. */
  static BiFunction<Scenario, RunContext, Optional<String>> liveOr(BiFunction<Scenario, RunContext, Optional<String>> hermetic) {
    return (s, run) -> run.config().hermetic() ? hermetic.apply(s, run) : longStream(s, run);
  }

  private static BiFunction<Scenario, RunContext, Optional<String>> message(BiFunction<Scenario, RunContext, Optional<String>> inner) {
    return (s, run) -> !Applies.successfulMessage(s) || s.injected() ? Optional.of("not a successful messages scenario")
        // Hermetic, a Message body is MSG-080's: it compares every usage counter with the recording, exactly.
        : run.config().hermetic() && !s.streaming() ? Optional.of("hermetic and not streamed: MSG-080 compares every usage counter with the recording")
        : run.config().hermetic() && Answers.recorded(s).isEmpty() ? Optional.of("the recording holds no Message to take the official counts from")
        : inner.apply(s, run);
  }

  /** The Message of a JSON body or of a stream, told apart by its bytes (a mislabelled stream is SSE-010's finding, not ours). */
  private static Optional<ObjectNode> message(Exchange e) {
    if (!e.eventStream() && SseRules.looksLikeStream(e)) {
      return Optional.ofNullable(new dev.relaytck.stream.ResponseValidator().validateStream(e.body()).message());
    }
    return Answers.message(e);
  }

  /** Live, usage is compared with the relay's count_tokens, which the protocol makes optional. */
  private static final Tolerance NO_COUNT_TOKENS =
      Tolerance.declaredAbsentLive("count-tokens", "count_tokens is optional in the protocol");

  private static Optional<String> none(Scenario s, Set<String> features) {
    for (String f : features) {
      if (s.has(f)) return Optional.of("the scenario has " + f + ": its token counts are estimates or not text alone");
    }
    return Optional.empty();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }

  static Optional<String> longStream(Scenario s, RunContext run) {
    if (!s.streaming()) return Optional.of("not a streaming scenario");
    JsonNode max = Answers.request(s).path("max_tokens");
    if (max.isIntegralNumber() && max.asLong() < StreamBurst.MIN_TOKENS) {
      return Optional.of("max_tokens " + max.asLong() + " is below the " + StreamBurst.MIN_TOKENS + " tokens needed to judge buffering");
    }
    return Optional.empty();
  }

  /** count_tokens of {@code body}, sent through the relay once per run under {@code name}; empty when it did not answer a count. */
  private static Optional<Long> count(Probe p, String name, ObjectNode body, Map<String, Object> evidence) {
    Exchange c = p.variant(name, r -> new ExchangeRequest("POST", "/v1/messages/count_tokens", r.headers(), bytes(body), r.credential()));
    evidence.put(name, c.summary());
    if (c.status() != 200) return Optional.empty();
    return c.json().map(j -> j.path("input_tokens")).filter(JsonNode::isIntegralNumber).map(JsonNode::asLong);
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Verdict inputAgrees(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>(Answers.answered(MsgCheck.MSG_110, e));
    Optional<ObjectNode> m = v.isEmpty() ? message(e) : Optional.empty();
    Optional<JsonNode> sent = e.sentJson();
    if (m.isPresent() && !m.get().path("usage").path("input_tokens").isIntegralNumber()) {
      return Verdict.skip("the answer carries no usage.input_tokens to compare (MSG-070 judges that)");
    }
    if (!v.isEmpty() || m.isEmpty() || (sent.isEmpty() && !p.config().hermetic())) {
      return v.isEmpty() ? Verdict.inconclusive("no Message to read usage from: " + e.summary(), context(e)) : Verdict.of(v, "", context(e));
    }
    Map<String, Object> evidence = new LinkedHashMap<>(context(e));
    Optional<Long> counted = p.config().hermetic()
        ? Answers.recorded(p.scenario()).map(r -> TokenAgreement.billedInput(r.path("usage")))
        : count(p, "count-tokens", TokenAgreement.countRequestFor(sent.get()), evidence);
    evidence.put("countedBy", p.config().hermetic() ? "the recording's usage (the official count of this request)" : "count_tokens");
    if (counted.isEmpty()) {
      return Verdict.inconclusive("count_tokens gave no count for the request sent, so usage cannot be compared (" + evidence.get("count-tokens") + ")", evidence);
    }
    long billed = TokenAgreement.billedInput(m.get().path("usage"));
    long c = counted.get();
    evidence.put("billedInputTokens", billed);
    evidence.put("countTokens", c);
    evidence.put("tolerance", TokenAgreement.inputTolerance(c));
    if (!TokenAgreement.inputAgrees(billed, c)) {
      v.add(Violation.of(MsgCheck.MSG_110, Location.pointer("/usage/input_tokens"), String.format(Locale.ROOT,
          "usage reports %d input tokens (input + cache creation + cache read) for a request that count_tokens counts as %d"
              + " (%+.0f %%): the prompt the model saw differs from the request sent (an added system prompt, another model's"
              + " tokenizer) or the counter was rewritten (what that costs is BILL-010's)", billed, c, 100.0 * (billed - c) / Math.max(1, c)),
          c + " +/- " + TokenAgreement.inputTolerance(c), billed));
    }
    return Verdict.of(v, "usage.input_tokens " + billed + " agrees with count_tokens " + c, evidence);
  }

  private static Verdict outputAgrees(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>(Answers.answered(MsgCheck.MSG_120, e));
    Optional<ObjectNode> m = v.isEmpty() ? message(e) : Optional.empty();
    if (!v.isEmpty()) return Verdict.of(v, "", context(e));
    if (m.isEmpty()) return Verdict.inconclusive("no Message to read usage from: " + e.summary(), context(e));
    if (!m.get().path("usage").path("output_tokens").isIntegralNumber()) {
      return Verdict.skip("the answer carries no usage.output_tokens to compare (MSG-070 judges that)");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode b : m.get().path("content")) {
      if (!"text".equals(b.path("type").asText())) {
        return Verdict.skip("the answer holds a " + b.path("type").asText() + " block: only answers of text alone are judged");
      }
      text.append(b.path("text").asText(""));
    }
    if (text.length() == 0) return Verdict.skip("the answer holds no text to count");
    Map<String, Object> evidence = new LinkedHashMap<>(context(e));
    long textTokens;
    if (p.config().hermetic()) {
      // The replay upstream delivers the recorded text: the official API counted it as the recording's output.
      Optional<Long> recorded = Answers.recorded(p.scenario()).map(r -> r.path("usage").path("output_tokens").asLong(-1)).filter(n -> n >= 0);
      if (recorded.isEmpty()) return Verdict.inconclusive("the recording reports no output tokens to compare with", evidence);
      textTokens = recorded.get();
      evidence.put("countedBy", "the recording's usage (the official count of this text)");
    } else {
      String model = e.sentJson().map(j -> j.path("model").asText(null)).orElse(m.get().path("model").asText());
      Optional<Long> withText = count(p, "count-output", TokenAgreement.countRequestForText(model, text.toString()), evidence);
      Optional<Long> baseline = count(p, "count-baseline", TokenAgreement.countRequestForText(model, "x"), evidence);
      if (withText.isEmpty() || baseline.isEmpty()) {
        return Verdict.inconclusive("count_tokens gave no count for the answer's text, so output usage cannot be compared", evidence);
      }
      textTokens = Math.max(1, withText.get() - baseline.get() + 1);
      evidence.put("countedBy", "count_tokens");
    }
    long output = m.get().path("usage").path("output_tokens").asLong(-1);
    long ceiling = TokenAgreement.outputCeiling(textTokens);
    evidence.put("outputTokens", output);
    evidence.put("textTokens", textTokens);
    evidence.put("ceiling", ceiling);
    if (output > ceiling) {
      v.add(Violation.of(MsgCheck.MSG_120, Location.pointer("/usage/output_tokens"), String.format(Locale.ROOT,
          "usage reports %d output tokens for an answer whose text counts as %d tokens (%d characters):"
              + " the usage field claims more output than was delivered (what that costs is BILL-020's)", output, textTokens, text.length()),
          "at most " + ceiling, output));
    }
    return Verdict.of(v, "usage.output_tokens " + output + " fits the " + textTokens + " tokens of text delivered", evidence);
  }

  static Verdict notInOneBurst(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>(Answers.answered(SseCheck.SSE_080, e));
    if (!v.isEmpty()) return Verdict.of(v, "", context(e));
    if (!SseRules.looksLikeStream(e)) {
      v.add(Violation.of(SseCheck.SSE_080, Location.NONE, "no event stream: " + e.summary()));
      return Verdict.of(v, "", context(e));
    }
    List<Long> arrivals = new ArrayList<>();
    List<SseEvent> events = e.framing().events();
    for (SseEvent ev : events) {
      if ("content_block_delta".equals(ev.event())) arrivals.add(ev.arrivalNanos());
    }
    long output = message(e).map(m -> m.path("usage").path("output_tokens").asLong(0)).orElse(0L);
    StreamBurst burst = StreamBurst.of(arrivals, output);
    Map<String, Object> evidence = new LinkedHashMap<>(context(e));
    evidence.put("contentDeltas", burst.deltas());
    evidence.put("outputTokens", burst.outputTokens());
    evidence.put("deltaSpanMs", Math.round(burst.spanMs() * 10) / 10.0);
    if (!burst.judgeable()) {
      return Verdict.skip(String.format(Locale.ROOT, "the answer is too short to judge buffering: %d output tokens in %d deltas"
          + " (at least %d tokens in %d deltas needed)", output, burst.deltas(), StreamBurst.MIN_TOKENS, StreamBurst.MIN_DELTAS));
    }
    if (burst.buffered()) {
      SseEvent last = events.get(events.size() - 1);
      v.add(Violation.of(SseCheck.SSE_080, Location.event(last.index(), last.byteOffset()), String.format(Locale.ROOT,
          "the stream arrived in one burst: %d output tokens in %d content deltas reached the client within %.1f ms"
              + " (%.0f tokens/s; models generate a few hundred at most): the relay buffered it",
          output, burst.deltas(), burst.spanMs(), burst.impliedTokensPerSecond()),
          "deltas spread over at least " + Math.round(StreamBurst.MIN_SPAN_MS) + " ms", String.format(Locale.ROOT, "%.1f ms", burst.spanMs())));
    }
    return Verdict.of(v, String.format(Locale.ROOT, "incremental: %d tokens in %d deltas over %.0f ms", output, burst.deltas(), burst.spanMs()), evidence);
  }
}
