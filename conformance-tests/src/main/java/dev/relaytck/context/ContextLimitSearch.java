package dev.relaytck.context;

import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the largest prompt a relay accepts (CTX-040): each probe is sized in tokens with
 * count_tokens first (through the relay; the bytes / 4 estimate when count_tokens is refused),
 * and only then sent as a real request. The first real request is just under the model's
 * window; only when the relay refuses it does a binary search narrow the boundary down.
 */
public final class ContextLimitSearch {
  /** The first probe, as a fraction of the window: at or above the 90 % the check asks for. */
  static final double FIRST = 0.95;
  static final long LOWEST = 1_000;
  /** Binary-search steps after a refusal: the boundary to within about 1.5 % of the window. */
  static final int STEPS = 6;

  private final RunContext run;
  private final Scenario base;
  private final long window;
  private final List<Map<String, Object>> probes = new ArrayList<>();
  private String countedBy = "count_tokens";

  /**
   * @param acceptedTokens the largest prompt answered, in tokens (0 when none was)
   * @param firstRefusal what the first refused probe got back, or null
   * @param error why the search could not finish (a server error, not a refusal), or null
   */
  public record Result(long acceptedTokens, int requests, String countedBy, String firstRefusal, String error,
      Map<String, Object> evidence) {}

  public ContextLimitSearch(RunContext run, Scenario base, long window) {
    this.run = run;
    this.base = base;
    this.window = window;
  }

  public Result run() {
    long accepted = 0;
    String refusal = null;
    long lo = LOWEST;
    long hi = (long) (FIRST * window);
    Probe first = probe(hi);
    if (first.error != null) return result(accepted, null, first.error);
    if (first.accepted) return result(first.tokens, null, null);
    refusal = first.detail;
    for (int i = 0; i < STEPS && hi - lo > 1; i++) {
      long mid = (lo + hi) / 2;
      Probe p = probe(mid);
      if (p.error != null) return result(accepted, refusal, p.error);
      if (p.accepted) {
        accepted = Math.max(accepted, p.tokens);
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return result(accepted, refusal, null);
  }

  private record Probe(long tokens, boolean accepted, String detail, String error) {}

  private Probe probe(long targetTokens) {
    ExchangeRequest request = LongRequests.messages(base, run.config(),
        LongPrompts.documentMessages(LongPrompts.sourceFile(targetTokens * LongPrompts.BYTES_PER_TOKEN), "Reply with OK."), null);
    long tokens = count(request);
    Exchange e = run.client().send("ctx-limit-" + targetTokens, request);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tokens", tokens);
    p.put("status", e.status());
    probes.add(p);
    if (e.status() == 200) return new Probe(tokens, true, null, null);
    String detail = e.summary() + e.json().map(j -> ": " + j.path("error").path("message").asText("")).orElse("");
    if (e.status() >= 400 && e.status() < 500 && e.status() != 429) return new Probe(tokens, false, detail, null);
    return new Probe(tokens, false, detail, "a probe of " + tokens + " tokens failed without a refusal: " + detail);
  }

  /** The probe's size by count_tokens through the relay, else the bytes / 4 estimate (and say so). */
  private long count(ExchangeRequest request) {
    Exchange c = run.client().send("ctx-count", LongRequests.countTokens(request));
    if (c.status() == 200) {
      var n = c.json().map(j -> j.path("input_tokens"));
      if (n.isPresent() && n.get().isNumber()) return n.get().asLong();
    }
    countedBy = "bytes / " + LongPrompts.BYTES_PER_TOKEN + " (count_tokens answered " + c.status() + ")";
    return request.body().length / LongPrompts.BYTES_PER_TOKEN;
  }

  private Result result(long accepted, String refusal, String error) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("acceptedTokens", accepted);
    evidence.put("windowTokens", window);
    evidence.put("countedBy", countedBy);
    evidence.put("probes", List.copyOf(probes));
    if (refusal != null) evidence.put("firstRefusal", refusal);
    return new Result(accepted, probes.size(), countedBy, refusal, error, evidence);
  }
}
