package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.CtxCheck;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.TimingDefect;
import dev.relaytck.relay.TimingHarness;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CTX proven both ways against the real replay upstream, which stands in for the model's
 * context window (200,000 tokens, 1M with the beta; "prompt is too long" above it) and answers
 * count_tokens with its estimate: a faithful relay with 1-byte chunks passes, each long-context
 * defect fails its check.
 */
class CtxRulesTests {

  private static Map<CtxCheck, Verdict> evaluateAll(TimingDefect defect, Set<Behaviour> relayDefects) throws Exception {
    Map<CtxCheck, Verdict> out = new EnumMap<>(CtxCheck.class);
    try (TimingHarness h = new TimingHarness(defect, relayDefects, Map.of())) {
      for (CtxCheck c : CtxCheck.values()) out.put(c, h.evaluate(c));
      assertThat(h.run.metrics()).containsKey("context");
    }
    return out;
  }

  private static void assertOutcome(Map<CtxCheck, Verdict> v, CtxCheck check, Outcome expected) {
    assertThat(v.get(check).outcome()).as(check.id() + ": " + v.get(check).message()).isEqualTo(expected);
  }

  @Test
  void aFaithfulRelayPassesEveryHermeticContextCheck() throws Exception {
    Map<CtxCheck, Verdict> v = evaluateAll(null, Set.of());
    for (CtxCheck c : new CtxCheck[] {CtxCheck.CTX_010, CtxCheck.CTX_020, CtxCheck.CTX_030, CtxCheck.CTX_040}) {
      assertOutcome(v, c, Outcome.PASSED);
    }
    assertOutcome(v, CtxCheck.CTX_050, Outcome.SKIPPED);
    assertThat(v.get(CtxCheck.CTX_050).message()).contains("live only");
    assertThat(v.get(CtxCheck.CTX_040).message()).contains("accepts up to").contains("the model's window is 200000");
    assertThat(v.get(CtxCheck.CTX_030).message()).contains("prompt is too long");
  }

  @Test
  void trimmingTheMiddleOfLongConversationsFailsCtx020Only() throws Exception {
    Map<CtxCheck, Verdict> v = evaluateAll(TimingDefect.TRIM_MIDDLE, Set.of());
    assertOutcome(v, CtxCheck.CTX_020, Outcome.FAILED);
    assertThat(v.get(CtxCheck.CTX_020).message()).contains("messages sent");
    assertOutcome(v, CtxCheck.CTX_010, Outcome.PASSED);
    assertOutcome(v, CtxCheck.CTX_030, Outcome.PASSED);
    assertOutcome(v, CtxCheck.CTX_040, Outcome.PASSED);
  }

  @Test
  void rejectingThe1mBetaFailsCtx030Only() throws Exception {
    Map<CtxCheck, Verdict> v = evaluateAll(TimingDefect.REJECT_1M_BETA, Set.of());
    assertOutcome(v, CtxCheck.CTX_030, Outcome.FAILED);
    assertThat(v.get(CtxCheck.CTX_030).message()).contains("context-1m-2025-08-07");
    assertOutcome(v, CtxCheck.CTX_010, Outcome.PASSED);
    assertOutcome(v, CtxCheck.CTX_020, Outcome.PASSED);
    assertOutcome(v, CtxCheck.CTX_040, Outcome.PASSED);
  }

  @Test
  void aContextCapOf32kTokensIsFoundByTheLimitSearch() throws Exception {
    Map<CtxCheck, Verdict> v = evaluateAll(TimingDefect.CAP_32K, Set.of());
    assertOutcome(v, CtxCheck.CTX_040, Outcome.FAILED);
    long accepted = ((Number) v.get(CtxCheck.CTX_040).evidence().get("acceptedTokens")).longValue();
    // The binary search ends within one step (about 3 % of the window) below the 32,000-token cap.
    assertThat(accepted).isBetween(25_000L, 32_000L);
    // Every probe that needs more than 32k tokens is refused too: that is the same cap, not another defect.
    assertOutcome(v, CtxCheck.CTX_010, Outcome.FAILED);
  }

  @Test
  void reEncodingTheBodyFailsCtx010() throws Exception {
    Map<CtxCheck, Verdict> v = evaluateAll(null, Set.of(Behaviour.MANGLE_UNICODE));
    assertOutcome(v, CtxCheck.CTX_010, Outcome.FAILED);
    assertThat(v.get(CtxCheck.CTX_010).message()).contains("reached the upstream changed");
  }
}
