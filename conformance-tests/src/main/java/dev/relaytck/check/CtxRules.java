package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.CtxCheck;
import dev.relaytck.context.ContextLimitSearch;
import dev.relaytck.context.ContextBudget;
import dev.relaytck.context.ContextMetrics;
import dev.relaytck.context.ContextPlan;
import dev.relaytck.context.LiveContext;
import dev.relaytck.context.LiveLimitSearch;
import dev.relaytck.context.LongPrompts;
import dev.relaytck.context.LongRequests;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.JournalEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The long-context checks (CTX), judged once per run on requests built from a successful
 * non-streaming scenario (its recording answers them hermetically): what reaches the upstream
 * is read from the replay journal and compared as JSON, message by message.
 */
final class CtxRules {
  /** The window of the models without the 1M beta, in tokens. */
  static final long MODEL_WINDOW = 200_000;
  static final String BETA_1M = "context-1m-2025-08-07";
  /** CTX-010's prompt. */
  static final long LARGE_TOKENS = 180_000;
  /** CTX-030's prompt: above the standard window. */
  static final long OVER_WINDOW_TOKENS = 210_000;
  /** CTX-020's conversation: tool call/result exchanges and bytes per result (40 x 3.9 KB = 156 KB). */
  static final int TURNS = 40;
  static final int RESULT_BYTES = 3_900;
  /** Live input price assumed when --price is not given (USD per million input tokens), for the budget. */
  static final double ASSUMED_INPUT_USD_PER_MTOK = 3.0;

  private CtxRules() {}

  /** The live long-context requests by check: declared for the estimate, and summed for the budget (ContextBudget). */
  private static final Map<String, Function<RunContext, List<RunCheck.PlannedSend>>> LIVE_PLANS = Map.of(
      "CTX-010", run -> List.of(ContextPlan.document(run, "ctx-large", "CTX-010 ~180k-token request", LARGE_TOKENS, 1)),
      "CTX-020", run -> List.of(ContextPlan.conversation(run, TURNS, RESULT_BYTES)),
      "CTX-040", run -> List.of(ContextPlan.document(run, "ctx-limit", "CTX-040 limit at the boundary",
          (long) (0.95 * LiveContext.plannedWindow(run)), LiveLimitSearch.MAX_BILLED)),
      "CTX-050", run -> List.of(ContextPlan.recall(run)));

  static List<RunCheck> all() {
    return List.of(
        rule(CtxCheck.CTX_010, CtxRules::large, run -> Optional.empty()),
        rule(CtxCheck.CTX_020, CtxRules::conversation, run -> Optional.empty()),
        rule(CtxCheck.CTX_030, CtxRules::beta1m, CtxRules::windowKnown),
        rule(CtxCheck.CTX_040, CtxRules::limit, run -> run.config().hermetic() ? windowKnown(run) : Optional.empty()),
        new EvidenceRule(CtxCheck.CTX_050, run -> run.config().hermetic()
            ? Optional.of("live only: recall needs a real model behind the relay (the replay upstream answers from recordings)")
            : ContextBudget.excluded(run, LIVE_PLANS), CtxRules::recall, plan(CtxCheck.CTX_050)));
  }

  /** Live, a check's billed requests are declared so the estimate and --max-cost-usd cover them; left out when they cannot fit. */
  private static RunCheck rule(Check check, Function<RunContext, Verdict> eval, Function<RunContext, Optional<String>> also) {
    return new EvidenceRule(check, run -> applicable(run).or(() -> also.apply(run))
        .or(() -> LIVE_PLANS.containsKey(check.id()) ? ContextBudget.excluded(run, LIVE_PLANS) : Optional.empty()), eval, plan(check));
  }

  private static Function<RunContext, List<RunCheck.PlannedSend>> plan(Check check) {
    return run -> run.config().hermetic() ? List.of() : LIVE_PLANS.getOrDefault(check.id(), r -> List.of()).apply(run);
  }

  /** The model's window is known hermetically only when the upstream is relay-tck's replay (it publishes /__admin/relay-tck/info). */
  private static Optional<String> windowKnown(RunContext run) {
    if (run.replayTimeScale().isPresent()) return Optional.empty();
    return Optional.of(run.config().hermetic()
        ? "needs relay-tck's replay upstream, which stands in for the model's context window; this upstream's window is unknown"
        : "hermetic only: live, whether the model offers the 1M window, and at what price, is the upstream's account's"
            + " business, and a request above 200k tokens costs over 1 USD; run it against the replay upstream (--replay URL)");
  }

  private static Optional<String> applicable(RunContext run) {
    if (run.primary().isEmpty()) return Optional.of("no successful non-streaming scenario to build long requests on");
    return Optional.empty();
  }

  static Verdict large(RunContext run) {
    if (!run.config().hermetic()) return CtxLiveRules.large(run, LARGE_TOKENS);
    Scenario base = run.primary().get();
    String file = LongPrompts.sourceFile(LARGE_TOKENS * LongPrompts.BYTES_PER_TOKEN);
    ExchangeRequest request = LongRequests.messages(base, run.config(),
        LongPrompts.documentMessages(file, "How many functions does this file define?"), null);
    Exchange e = run.client().send("ctx-large", request);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("requestBytes", request.body().length);
    evidence.put("estimatedTokens", request.body().length / LongPrompts.BYTES_PER_TOKEN);
    evidence.put("exchange", e.summary());
    publish(run, "largeRequest", evidence);
    if (e.status() != 200) {
      return new Verdict(Outcome.FAILED, "a request of about " + LARGE_TOKENS + " tokens (" + request.body().length
          + " bytes) was not answered: " + e.summary() + error(e), List.of(), evidence);
    }
    return forwardedWhole(run, request, e, evidence, "the " + request.body().length + "-byte request");
  }

  static Verdict conversation(RunContext run) {
    if (!run.config().hermetic()) return CtxLiveRules.conversation(run, TURNS, RESULT_BYTES);
    Scenario base = run.primary().get();
    ArrayNode messages = LongPrompts.conversation(TURNS, RESULT_BYTES);
    ExchangeRequest request = LongRequests.messages(base, run.config(), messages, null);
    Exchange e = run.client().send("ctx-conversation", request);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("messages", messages.size());
    evidence.put("requestBytes", request.body().length);
    evidence.put("exchange", e.summary());
    publish(run, "conversation", evidence);
    if (e.status() != 200) {
      return new Verdict(Outcome.FAILED, "a conversation of " + messages.size() + " messages (" + request.body().length
          + " bytes) was not answered: " + e.summary() + error(e), List.of(), evidence);
    }
    return forwardedWhole(run, request, e, evidence, "the " + messages.size() + "-message conversation");
  }

  static Verdict beta1m(RunContext run) {
    Scenario base = run.primary().get();
    String file = LongPrompts.sourceFile(OVER_WINDOW_TOKENS * LongPrompts.BYTES_PER_TOKEN);
    ArrayNode messages = LongPrompts.documentMessages(file, "Summarise this file.");
    ExchangeRequest withBeta = LongRequests.messages(base, run.config(), messages, BETA_1M);
    Exchange answered = run.client().send("ctx-1m", withBeta);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("requestBytes", withBeta.body().length);
    evidence.put("withBeta", answered.summary());
    if (answered.status() != 200) {
      publish(run, "beta1m", evidence);
      return new Verdict(Outcome.FAILED, "a request of about " + OVER_WINDOW_TOKENS + " tokens with anthropic-beta " + BETA_1M
          + " was not answered: " + answered.summary() + error(answered), List.of(), evidence);
    }
    Optional<JournalEntry> forwarded = upstream(run, withBeta);
    String beta = forwarded.flatMap(j -> j.header("anthropic-beta")).orElse("");
    evidence.put("forwardedBeta", beta);
    if (forwarded.isEmpty() || !beta.contains(BETA_1M)) {
      publish(run, "beta1m", evidence);
      return new Verdict(Outcome.FAILED, forwarded.isEmpty() ? "the 1M-context request never reached the upstream"
          : "the upstream received anthropic-beta '" + beta + "' without " + BETA_1M, List.of(), evidence);
    }
    ExchangeRequest without = LongRequests.messages(base, run.config(), messages, null);
    Exchange tooLong = run.client().send("ctx-too-long", without);
    evidence.put("withoutBeta", tooLong.summary());
    String type = tooLong.json().map(j -> j.path("error").path("type").asText("")).orElse("");
    String message = tooLong.json().map(j -> j.path("error").path("message").asText("")).orElse("");
    evidence.put("errorType", type);
    evidence.put("errorMessage", message.length() > 200 ? message.substring(0, 200) : message);
    publish(run, "beta1m", evidence);
    if (tooLong.status() != 400 || !"invalid_request_error".equals(type) || !message.startsWith("prompt is too long")) {
      return new Verdict(Outcome.FAILED, "without the beta, the upstream's 400 invalid_request_error \"prompt is too long\""
          + " did not reach the client unchanged: got " + tooLong.summary() + (type.isEmpty() ? "" : ", " + type + ": " + message),
          List.of(), evidence);
    }
    return new Verdict(Outcome.PASSED, "the " + BETA_1M + " beta reached the upstream with a " + withBeta.body().length
        + "-byte request, which was answered; without it the upstream's \"" + message + "\" reached the client", List.of(), evidence);
  }

  static Verdict limit(RunContext run) {
    long window = MODEL_WINDOW;
    String windowSource = "the replay upstream's";
    ContextLimitSearch.Result r;
    if (run.config().hermetic()) {
      r = new ContextLimitSearch(run, run.primary().get(), MODEL_WINDOW).run();
    } else {
      LiveContext.Window w = LiveContext.window(run);
      window = LiveContext.probedWindow(w.tokens());
      windowSource = w.source() + (w.tokens() > window ? ", " + w.tokens() + " with the 1M beta; probed without it" : "");
      r = new LiveLimitSearch(run, run.primary().get(), window).run();
    }
    Map<String, Object> evidence = new LinkedHashMap<>(r.evidence());
    evidence.put("windowSource", windowSource);
    publish(run, "limit", evidence);
    if (r.error() != null) return Verdict.inconclusive(r.error(), evidence);
    String figure = "accepts up to " + r.acceptedTokens() + " tokens; the model's window is " + window
        + " (" + windowSource + "; " + r.requests() + " requests, token counts from " + r.countedBy() + ")";
    if (r.acceptedTokens() < 0.9 * window) {
      return new Verdict(Outcome.FAILED, "the relay " + figure + ": well below the window (less than 90 %); first refusal: "
          + r.firstRefusal(), List.of(), evidence);
    }
    return new Verdict(Outcome.PASSED, "the relay " + figure, List.of(), evidence);
  }

  /** Compares the messages the upstream received with those sent, as JSON, message by message. */
  private static Verdict forwardedWhole(RunContext run, ExchangeRequest request, Exchange e, Map<String, Object> evidence,
      String what) {
    Optional<JournalEntry> forwarded = upstream(run, request);
    if (forwarded.isEmpty()) {
      return new Verdict(Outcome.FAILED, what + " was answered but never reached the upstream (not in the replay journal)",
          List.of(), evidence);
    }
    JsonNode sent = LongRequests.messagesOf(request.body());
    JsonNode received = forwarded.get().json().map(j -> j.get("messages")).orElse(null);
    evidence.put("forwardedBytes", forwarded.get().body() == null ? 0 : forwarded.get().body().length());
    if (received == null || !received.isArray()) {
      return new Verdict(Outcome.FAILED, "the upstream received no messages array for " + what, List.of(), evidence);
    }
    if (received.size() != sent.size()) {
      return new Verdict(Outcome.FAILED, "the upstream received " + received.size() + " of the " + sent.size()
          + " messages sent: history was trimmed or merged", List.of(), evidence);
    }
    for (int i = 0; i < sent.size(); i++) {
      if (!sent.get(i).equals(received.get(i))) {
        int s = sent.get(i).toString().length();
        int r = received.get(i).toString().length();
        evidence.put("firstDifferentMessage", i);
        return new Verdict(Outcome.FAILED, "message " + i + " reached the upstream changed (" + s + " characters of JSON sent, "
            + r + " received): the relay trims, re-encodes or summarises long context", List.of(), evidence);
      }
    }
    return new Verdict(Outcome.PASSED, what + " reached the upstream unchanged, message by message, and was answered",
        List.of(), evidence);
  }

  /** What the upstream received for {@code request} (by its marker's nonce), hermetic only. */
  static Optional<JournalEntry> upstream(RunContext run, ExchangeRequest request) {
    JsonNode body = parse(request.body());
    if (body == null) return Optional.empty();
    return run.journal().flatMap(j -> ScenarioRequests.markerOf(body).flatMap(m -> j.forNonce(m.nonce()).stream().findFirst()));
  }

  private static JsonNode parse(byte[] body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static String error(Exchange e) {
    return e.json().map(j -> j.path("error").path("message").asText("")).filter(m -> !m.isEmpty())
        .map(m -> " (" + (m.length() > 160 ? m.substring(0, 160) + "..." : m) + ")").orElse("");
  }

  static Verdict recall(RunContext run) {
    return CtxLiveRules.recall(run);
  }

  static void publish(RunContext run, String key, Object value) {
    ContextMetrics.note(run, key, value);
  }
}
