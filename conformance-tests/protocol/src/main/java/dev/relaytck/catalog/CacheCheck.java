package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/** Prompt caching: cache_control accepted and its usage counters reported honestly. */
public enum CacheCheck implements Check {
  CACHE_010(MUST, "build-with-claude/prompt-caching#how-to-implement-prompt-caching",
      "cache_control is accepted",
      "A request with cache_control markers on system, tools and messages is answered with 200 and a valid Message, and (hermetic) every marker reaches the upstream at the same place with the same value.",
      "The relay rejects cache_control (unknown field) or strips it."),
  CACHE_020(MUST, "build-with-claude/prompt-caching#tracking-cache-performance",
      "cache token counters are passed through",
      "usage.cache_creation_input_tokens and usage.cache_read_input_tokens equal the upstream's (hermetic).",
      "The relay drops or zeroes cache counters, or bills cached tokens as input."),
  CACHE_030(SHOULD, "build-with-claude/prompt-caching#tracking-cache-performance",
      "the cache_creation breakdown is passed through",
      "usage.cache_creation (ephemeral_5m_input_tokens, ephemeral_1h_input_tokens) equals the upstream's (hermetic).",
      "The relay reshapes usage and loses the cache_creation object."),
  CACHE_040(SHOULD, "build-with-claude/prompt-caching#tracking-cache-performance",
      "a repeated cacheable prefix is read from the cache (live)",
      "Two identical cacheable requests a few seconds apart: the second reports cache_read_input_tokens > 0.",
      "The relay spreads requests over accounts or strips cache_control, so the cache never hits.");

  private final CheckSpec spec;

  CacheCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
