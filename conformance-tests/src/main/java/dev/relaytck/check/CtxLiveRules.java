package dev.relaytck.check;

import dev.relaytck.context.LiveContext;
import dev.relaytck.context.LongPrompts;
import dev.relaytck.context.LongRecall;
import dev.relaytck.identity.CapabilityComparison;
import dev.relaytck.identity.FisherExact;
import dev.relaytck.identity.Reference;
import dev.relaytck.live.TokenAgreement;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The long-context checks live, where no journal shows what reached the upstream: the model's
 * own {@code usage.input_tokens} must agree with count_tokens of the request sent (through the
 * same relay, free), so a trimmed, summarised or capped prompt shows as billed input short of
 * the count. CTX-050 asks the model for facts deep in a long document.
 */
final class CtxLiveRules {

  private CtxLiveRules() {}

  static Verdict large(RunContext run, long tokens) {
    Scenario base = run.primary().get();
    LiveContext.Sized s = LiveContext.sized(run, tokens,
        bytes -> LiveContext.document(run, base, bytes, "How many functions does this file define?"));
    Exchange e = run.client().send("ctx-large", s.request());
    Map<String, Object> evidence = evidence(s, e);
    CtxRules.publish(run, "largeRequest", evidence);
    if (e.status() != 200) {
      return new Verdict(Outcome.FAILED, "a request of " + s.tokens() + " tokens (" + s.countedBy() + "; " + s.request().body().length
          + " bytes) was not answered: " + e.summary() + CtxRules.error(e), List.of(), evidence);
    }
    return whole(s, e, evidence, "the " + s.tokens() + "-token request");
  }

  static Verdict conversation(RunContext run, int turns, int resultBytes) {
    Scenario base = run.primary().get();
    ExchangeRequest request = LiveContext.conversation(run, base, LongPrompts.conversation(turns, resultBytes));
    LiveContext.Counted c = LiveContext.count(run, request);
    LiveContext.Sized s = new LiveContext.Sized(request, c.tokens().orElse(-1),
        c.tokens().isPresent() ? "count_tokens through the relay" : "none (count_tokens answered " + c.status() + ")");
    Exchange e = run.client().send("ctx-conversation", request);
    Map<String, Object> evidence = evidence(s, e);
    evidence.put("messages", 2 * turns + 2);
    CtxRules.publish(run, "conversation", evidence);
    if (e.status() != 200) {
      return new Verdict(Outcome.FAILED, "a conversation of " + (2 * turns + 2) + " messages (" + request.body().length
          + " bytes) was not answered: " + e.summary() + CtxRules.error(e), List.of(), evidence);
    }
    return whole(s, e, evidence, "the " + (2 * turns + 2) + "-message conversation");
  }

  private static Map<String, Object> evidence(LiveContext.Sized s, Exchange e) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("requestBytes", s.request().body().length);
    evidence.put("countedTokens", s.countedTokens());
    evidence.put("countedBy", s.countedBy());
    evidence.put("billedInputTokens", LiveContext.billedInput(e));
    evidence.put("exchange", e.summary());
    return evidence;
  }

  /** Whether the model was billed for the whole request: usage.input_tokens against count_tokens. */
  private static Verdict whole(LiveContext.Sized s, Exchange e, Map<String, Object> evidence, String what) {
    long billed = LiveContext.billedInput(e);
    if (s.countedTokens() < 0) {
      return Verdict.inconclusive(what + " was answered, but count_tokens did not answer (" + s.countedBy()
          + "): without a count the kit cannot tell whether all of it reached the model", evidence);
    }
    if (billed < 0) {
      return Verdict.inconclusive(what + " was answered without usage.input_tokens: nothing says how much of it the model saw",
          evidence);
    }
    long counted = s.countedTokens();
    evidence.put("tolerance", TokenAgreement.inputTolerance(counted));
    if (TokenAgreement.inputAgrees(billed, counted)) {
      return new Verdict(Outcome.PASSED, what + " was answered and the model's usage.input_tokens " + billed
          + " agrees with count_tokens " + counted + ": it reached the model whole", List.of(), evidence);
    }
    if (billed < counted) {
      return new Verdict(Outcome.FAILED, String.format(Locale.ROOT, "the model was billed %d input tokens for %s, whose count_tokens"
          + " is %d (%.0f %% missing): the relay trims, summarises or caps long context", billed, what, counted,
          100.0 * (counted - billed) / counted), List.of(), evidence);
    }
    return new Verdict(Outcome.FAILED, "the model was billed " + billed + " input tokens for " + what + ", whose count_tokens is "
        + counted + ": the prompt the model saw differs from the request sent (the relay adds to it)", List.of(), evidence);
  }

  static Verdict recall(RunContext run) {
    List<LongRecall.Probe> probes = LongRecall.run(run);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("documentTokens", LongRecall.TOKENS);
    evidence.put("probes", probes.stream().map(CtxLiveRules::probeEvidence).toList());
    int n = probes.size();
    int k = (int) probes.stream().filter(LongRecall.Probe::recalled).count();
    evidence.put("recalled", k + " of " + n);
    CtxRules.publish(run, "recall", evidence);
    List<LongRecall.Probe> unanswered = probes.stream().filter(p -> p.status() != 200).toList();
    if (!unanswered.isEmpty()) {
      LongRecall.Probe p = unanswered.get(0);
      if (p.status() >= 400 && p.status() < 500 && p.status() != 429) {
        return new Verdict(Outcome.FAILED, "the document of about " + LongRecall.TOKENS + " tokens with the fact at " + p.depth()
            + " % depth was refused: " + p.exchange(), List.of(), evidence);
      }
      return Verdict.inconclusive(unanswered.size() + " of " + n + " recall probes got no answer (" + p.exchange()
          + "): run again", evidence);
    }
    String depths = probes.stream().map(p -> p.depth() + " %: " + (p.recalled() ? "recalled" : "missed")).reduce((a, b) -> a + ", " + b)
        .orElse("");
    if (k == n) {
      return new Verdict(Outcome.PASSED, "every fact of a ~" + LongRecall.TOKENS / 1000 + "k-token document was recalled ("
          + depths + ")", List.of(), evidence);
    }
    LongRecall.Probe missed = probes.stream().filter(p -> !p.recalled()).findFirst().get();
    LongRecall.Probe cut = probes.stream().filter(p -> !p.recalled() && p.shortfall()).findFirst().orElse(null);
    if (cut != null) {
      return new Verdict(Outcome.FAILED, "the fact at " + cut.depth() + " % depth was not recalled and the model was billed "
          + cut.billedInput() + " input tokens for a document whose count_tokens is " + cut.countedTokens()
          + ": part of the document never reached the model (" + depths + ")", List.of(), evidence);
    }
    var ref = run.setting(EvidenceSettings.REFERENCE);
    if (ref.isEmpty()) {
      return Verdict.inconclusive(k + " of " + n + " facts recalled (" + depths + "), and the model was billed for the whole"
          + " document: " + n + " probes cannot tell a weaker model from chance; give --reference DIR to compare with the"
          + " official API's recall", evidence);
    }
    int[] rate;
    try {
      rate = LongRecall.referenceRate(Reference.read(Path.of(ref.get())));
    } catch (IllegalArgumentException e) {
      return Verdict.inconclusive("cannot compare with the reference: " + e.getMessage(), evidence);
    }
    if (rate[1] == 0) return Verdict.inconclusive("the reference holds no recall answers to compare with", evidence);
    double alpha = run.setting(EvidenceSettings.ALPHA).map(v -> {
      try {
        return Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        return 0.01;
      }
    }).orElse(0.01);
    double p = FisherExact.lowerTail(rate[0], rate[1], k, n);
    // The same exact power as ID-030 states (the relay recalling half as often as the reference).
    double power = CapabilityComparison.power(rate[0], rate[1], n, alpha);
    evidence.put("test", "one-sided Fisher exact test: the relay's recall rate below the reference's (its recall family, ~20k tokens)");
    evidence.put("reference", rate[0] + " of " + rate[1]);
    evidence.put("pValue", p);
    evidence.put("alpha", alpha);
    evidence.put("power", Math.round(power * 1000) / 1000.0);
    evidence.put("powerAgainst", "a relay recalling " + (int) (CapabilityComparison.POWER_RATIO * 100) + " % of the reference's rate");
    String figure = String.format(Locale.ROOT, "%d of %d facts recalled (%s) against %d of %d in the reference (Fisher p = %.3g,"
        + " power %.2f)", k, n, depths, rate[0], rate[1], p, power);
    if (p < alpha) {
      return new Verdict(Outcome.FAILED, "long-context recall differs from the reference: " + figure + "; first missed at "
          + missed.depth() + " % depth", List.of(), evidence);
    }
    return Verdict.inconclusive(figure + ": not enough evidence either way", evidence);
  }

  private static Map<String, Object> probeEvidence(LongRecall.Probe p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("depthPercent", p.depth());
    m.put("countedTokens", p.countedTokens());
    m.put("billedInputTokens", p.billedInput());
    m.put("recalled", p.recalled());
    m.put("answer", p.answer().length() > 80 ? p.answer().substring(0, 80) + "..." : p.answer());
    m.put("exchange", p.exchange());
    return m;
  }
}
