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
 * CTX-040 live: the largest prompt the relay accepts, found with count_tokens first (free) and
 * billed requests only at the boundary. count_tokens through the relay bisects the size a relay
 * that caps prompts lets through; one real request at that size (at most 95 % of the window)
 * confirms it. Only when the relay counts a prompt it then refuses to answer does a bisection
 * with real requests follow, and it stops after {@link #MAX_BILLED} accepted (billed) requests,
 * which the run's estimate declared. A refused request is assumed unbilled (BILL checks see it
 * when it is not).
 */
public final class LiveLimitSearch {
  static final double FIRST = ContextLimitSearch.FIRST;
  static final long LOWEST_BYTES = 4_000;
  /** Bisection steps on count_tokens: the boundary to within about 0.5 % of the first probe. */
  static final int COUNT_STEPS = 8;
  static final int REAL_STEPS = 5;
  /** Accepted real requests at most: what the estimate declares for CTX-040. */
  public static final int MAX_BILLED = 2;

  private final RunContext run;
  private final Scenario base;
  private final long window;
  private final List<Map<String, Object>> probes = new ArrayList<>();
  private int billed;

  public LiveLimitSearch(RunContext run, Scenario base, long window) {
    this.run = run;
    this.base = base;
    this.window = window;
  }

  private ExchangeRequest probe(long bytes) {
    return LiveContext.document(run, base, bytes, "Reply with OK.");
  }

  public ContextLimitSearch.Result run() {
    long target = (long) (FIRST * window);
    LiveContext.Sized first = LiveContext.sized(run, target, this::probe);
    long bytes = first.request().body().length;
    String countedBy = first.countedBy();
    if (first.countedTokens() < 0) {
      LiveContext.Counted c = LiveContext.count(run, first.request());
      if (c.status() >= 400 && c.status() < 500 && c.status() != 404 && c.status() != 405 && c.status() != 429) {
        // The relay counts no prompt this large: bisect its count_tokens ceiling, free.
        long lo = LOWEST_BYTES;
        long hi = bytes;
        long loTokens = -1;
        for (int i = 0; i < COUNT_STEPS && hi - lo > 1_000; i++) {
          long mid = (lo + hi) / 2;
          LiveContext.Counted m = LiveContext.count(run, probe(mid));
          note("count_tokens", mid, m.tokens().orElse(-1), m.status());
          if (m.tokens().isPresent()) {
            lo = mid;
            loTokens = m.tokens().getAsLong();
          } else {
            hi = mid;
          }
        }
        bytes = lo;
        countedBy = loTokens >= 0 ? "count_tokens through the relay (bisected: it counts nothing larger)" : countedBy;
      }
    }
    long accepted = 0;
    String refusal = null;
    Attempt a = attempt(bytes);
    if (a.error != null) return result(0, null, a.error, countedBy);
    if (a.accepted) return result(a.tokens, null, null, countedBy);
    refusal = a.detail;
    long lo = LOWEST_BYTES;
    long hi = bytes;
    for (int i = 0; i < REAL_STEPS && billed < MAX_BILLED && hi - lo > 1_000; i++) {
      long mid = (lo + hi) / 2;
      Attempt m = attempt(mid);
      if (m.error != null) return result(accepted, refusal, m.error, countedBy);
      if (m.accepted) {
        accepted = Math.max(accepted, m.tokens);
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return result(accepted, refusal, null, countedBy);
  }

  private record Attempt(long tokens, boolean accepted, String detail, String error) {}

  private Attempt attempt(long bytes) {
    ExchangeRequest request = probe(bytes);
    long tokens = LiveContext.count(run, request).tokens().orElse(bytes / LongPrompts.BYTES_PER_TOKEN);
    Exchange e = run.client().send("ctx-limit-" + bytes, request);
    note("messages", bytes, tokens, e.status());
    if (e.status() == 200) {
      billed++;
      return new Attempt(tokens, true, null, null);
    }
    String detail = e.summary() + e.json().map(j -> ": " + j.path("error").path("message").asText("")).orElse("");
    if (e.status() >= 400 && e.status() < 500 && e.status() != 429) return new Attempt(tokens, false, detail, null);
    return new Attempt(tokens, false, detail, "a probe of " + tokens + " tokens failed without a refusal: " + detail);
  }

  private void note(String endpoint, long bytes, long tokens, int status) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("endpoint", endpoint);
    p.put("bytes", bytes);
    p.put("tokens", tokens);
    p.put("status", status);
    probes.add(p);
  }

  private ContextLimitSearch.Result result(long accepted, String refusal, String error, String countedBy) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("acceptedTokens", accepted);
    evidence.put("windowTokens", window);
    evidence.put("countedBy", countedBy);
    evidence.put("billedRequests", billed);
    evidence.put("probes", List.copyOf(probes));
    if (refusal != null) evidence.put("firstRefusal", refusal);
    int requests = (int) probes.stream().filter(p -> "messages".equals(p.get("endpoint"))).count();
    return new ContextLimitSearch.Result(accepted, requests, countedBy, refusal, error, evidence);
  }
}
