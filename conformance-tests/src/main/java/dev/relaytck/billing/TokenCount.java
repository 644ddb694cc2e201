package dev.relaytck.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens by the kinds Anthropic prices differently: uncached input, output, cache writes and
 * cache reads (the four counters of a Message's {@code usage}).
 */
public record TokenCount(long input, long output, long cacheWrite, long cacheRead) {
  public static final TokenCount ZERO = new TokenCount(0, 0, 0, 0);

  /** The counters of a {@code usage} object; absent or malformed counters count as zero. */
  public static TokenCount ofUsage(JsonNode usage) {
    return new TokenCount(count(usage, "input_tokens"), count(usage, "output_tokens"),
        count(usage, "cache_creation_input_tokens"), count(usage, "cache_read_input_tokens"));
  }

  private static long count(JsonNode usage, String field) {
    JsonNode n = usage == null ? null : usage.get(field);
    return n != null && n.isIntegralNumber() && n.asLong() > 0 ? n.asLong() : 0;
  }

  public TokenCount plus(TokenCount o) {
    return new TokenCount(input + o.input, output + o.output, cacheWrite + o.cacheWrite, cacheRead + o.cacheRead);
  }

  /** Every token of the prompt, however it was served: what count_tokens counts for the same request. */
  public long prompt() {
    return input + cacheWrite + cacheRead;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", input);
    m.put("output", output);
    m.put("cacheWrite", cacheWrite);
    m.put("cacheRead", cacheRead);
    return m;
  }
}
