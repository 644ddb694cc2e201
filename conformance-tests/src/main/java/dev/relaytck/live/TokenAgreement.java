package dev.relaytck.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * What live mode can tell about usage without a reference: the counts a relay reports against
 * what count_tokens says about the same text. An injected system prompt, a model swapped for
 * another tokenizer, and inflated input all show as billed input above the count of the
 * request sent; inflated output shows as output above the count of the text delivered. The
 * official docs call count_tokens an estimate, so both comparisons allow a margin.
 */
public final class TokenAgreement {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The fields of a Messages request that count_tokens accepts (api/messages-count-tokens). */
  private static final Set<String> COUNTED = Set.of("model", "messages", "system", "tools", "tool_choice", "thinking", "mcp_servers");
  /** Relative and absolute margins of the input comparison. */
  public static final double INPUT_MARGIN = 0.05;
  public static final long INPUT_MARGIN_TOKENS = 3;
  /** Output may exceed the count of its text by this factor plus {@link #OUTPUT_SLACK_TOKENS} (end-of-turn and framing tokens). */
  public static final double OUTPUT_FACTOR = 1.2;
  public static final long OUTPUT_SLACK_TOKENS = 10;

  private TokenAgreement() {}

  /** The count_tokens request for a Messages request the kit sent. */
  public static ObjectNode countRequestFor(JsonNode sent) {
    ObjectNode out = JSON.createObjectNode();
    sent.properties().forEach(e -> {
      if (COUNTED.contains(e.getKey())) out.set(e.getKey(), e.getValue());
    });
    return out;
  }

  /** A count_tokens request whose only user turn is {@code text}. */
  public static ObjectNode countRequestForText(String model, String text) {
    ObjectNode out = JSON.createObjectNode().put("model", model);
    out.putArray("messages").addObject().put("role", "user").put("content", text);
    return out;
  }

  /** The input tokens a Message's usage reports: uncached, cache writes and cache reads. */
  public static long billedInput(JsonNode usage) {
    return usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0)
        + usage.path("cache_read_input_tokens").asLong(0);
  }

  /** How far billed input may be from the count before it differs. */
  public static long inputTolerance(long counted) {
    return Math.max(INPUT_MARGIN_TOKENS, (long) Math.ceil(counted * INPUT_MARGIN));
  }

  public static boolean inputAgrees(long billed, long counted) {
    return Math.abs(billed - counted) <= inputTolerance(counted);
  }

  /** The most output tokens a text of {@code textTokens} may be billed as. */
  public static long outputCeiling(long textTokens) {
    return (long) Math.ceil(textTokens * OUTPUT_FACTOR) + OUTPUT_SLACK_TOKENS;
  }
}
