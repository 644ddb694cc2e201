package dev.relaytck.standin;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prompt caching as the official API reports it: the first request with a cacheable prefix
 * writes it ({@code cache_creation_input_tokens}); a repeat within the lifetime reads it
 * ({@code cache_read_input_tokens}) and refreshes the lifetime. Bounded (oldest entries go first).
 */
final class PromptCache {
  private static final int MAX_ENTRIES = 10_000;

  /** What a request's prefix did: wrote the cache, or read it. */
  record Use(int creation, int read, String ttl) {
    static final Use NONE = new Use(0, 0, null);
  }

  private final InstantSource clock;
  private final Map<String, Instant> expiries = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  PromptCache(InstantSource clock) {
    this.clock = clock;
  }

  synchronized Use use(PromptAccount.Prefix prefix) {
    Instant now = clock.instant();
    Duration life = "1h".equals(prefix.ttl()) ? Duration.ofHours(1) : Duration.ofMinutes(5);
    Instant expiry = expiries.get(prefix.key());
    expiries.put(prefix.key(), now.plus(life));
    if (expiry != null && now.isBefore(expiry)) {
      return new Use(0, prefix.tokens(), prefix.ttl());
    }
    return new Use(prefix.tokens(), 0, prefix.ttl());
  }
}
