package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * Usage and cost (profile {@code billing}): whether the usage a relay reports is what the request
 * cost, and whether its balance fell by what that usage costs at the price it advertises
 * (docs/contract.md, "Evidence about the relay"; docs/billing.md).
 */
public enum BillCheck implements Check {
  BILL_010(MUST, "build-with-claude/token-counting",
      "input tokens are what the request costs",
      "usage.input_tokens (plus the cache counters) equals what the upstream counted for the request: hermetic, the"
          + " recording's usage; and the relay's own count_tokens for the same conversation agrees with it"
          + " (5 % or 10 tokens, as for EP-020), so a relay that inflates both is still caught against the recording;"
          + " live with --reference, the identity reference's probes sent through the relay report in total the prompt"
          + " tokens the official API counted for them.",
      "The relay rewrites usage (a multiplier, a fixed surcharge, its own tokenizer); pass the upstream's usage through"
          + " unchanged and put any surcharge in the price, where users can see it."),
  BILL_020(MUST, "api/messages#response-usage",
      "output tokens are plausible for the text returned",
      "usage.output_tokens per character of the returned content lies within the band the bundled recordings of the"
          + " model family show (hermetic: equals the recording); with stop_reason max_tokens it equals max_tokens exactly.",
      "The relay inflates output_tokens or counts them with another tokenizer; pass the upstream's usage through."),
  BILL_030(MUST, "build-with-claude/prompt-caching#tracking-cache-performance",
      "cache reads are reported as reads",
      "A repeated cacheable prefix (at least 1,024 tokens, within the cache lifetime) is reported in"
          + " cache_read_input_tokens, not as a new cache write; input, cache write and cache read tokens add up to the"
          + " prompt's size (hermetic: each equals the recording's).",
      "The relay reports (and bills) cache reads as cache writes, or never reports reads the upstream made; pass the"
          + " upstream's cache counters through and price reads at the read price."),
  BILL_040(MUST, "about-claude/pricing#model-pricing",
      "the balance fell by what the reported usage costs",
      "Read before the audit requests, after them and once more after a settle delay, the balance fell by the reported"
          + " usage priced at the advertised --price, within --billing-tolerance (default 2 %) plus one balance unit per"
          + " request.",
      "The relay charges more (or less) than its advertised price for the usage it reports: fix the price list, the"
          + " group or model multiplier, or the quota conversion."),
  BILL_050(SHOULD, "api/errors#http-errors",
      "failed and cancelled requests cost nothing beyond what was delivered",
      "Requests answered with an error (4xx, 5xx, 529; hermetic: injected by the replay upstream) leave the balance"
          + " unchanged, beyond one balance unit per request; a stream the client cancels after its first content delta"
          + " costs no more than its delivered prompt and content (hermetic).",
      "The relay books a pre-charge and never refunds it when the upstream fails, or bills a stream the client cancelled"
          + " as if it had run to its end; refund failed requests in full, and stop and bill a cancelled stream where it stopped."),
  BILL_060(INFO, "about-claude/pricing#model-pricing",
      "the effective price per million tokens",
      "Reports what the relay charged per million input and output tokens next to the official list price of the"
          + " claimed model, their ratio, and what a typical hour of Claude Code would cost at this relay.",
      "Informational: compare the effective price with the relay's advertised one and with the list price.");

  private final CheckSpec spec;

  BillCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "billing", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
