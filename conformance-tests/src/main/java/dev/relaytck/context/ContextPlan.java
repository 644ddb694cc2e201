package dev.relaytck.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.check.RunCheck.PlannedSend;
import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;

/**
 * The billed requests of the live long-context checks, declared before the run so the printed
 * estimate covers them and {@code --max-cost-usd} holds. Input tokens are what the prompt is
 * sized to (count_tokens keeps it at or under the figure); output tokens the request's
 * {@code max_tokens}, an upper bound. count_tokens and GET /v1/models are free and not listed.
 */
public final class ContextPlan {
  /** Source code in a real tokenizer: about 3 bytes a token, denser than the 4 the kit sizes by. */
  static final int CODE_BYTES_PER_TOKEN = 3;

  private ContextPlan() {}

  /** {@code repeats} billed requests of a document sized to {@code tokens}, on the primary scenario's settings. */
  public static PlannedSend document(RunContext run, String key, String label, long tokens, int repeats) {
    return new PlannedSend(key, label, "/v1/messages", model(run), (int) (tokens * LongPrompts.BYTES_PER_TOKEN), repeats, tokens,
        maxTokens(run));
  }

  /** CTX-020's conversation: sent as is, so its tokens are its bytes over the code density. */
  public static PlannedSend conversation(RunContext run, int turns, int resultBytes) {
    int bytes = LongPrompts.conversation(turns, resultBytes).toString().length();
    return new PlannedSend("ctx-conversation", "CTX-020 " + (2 * turns + 2) + "-message conversation", "/v1/messages", model(run),
        bytes, 1, bytes / CODE_BYTES_PER_TOKEN, maxTokens(run));
  }

  /** CTX-050: one document per depth. */
  public static PlannedSend recall(RunContext run) {
    return new PlannedSend("ctx-recall", "CTX-050 recall at 10/50/90 % depth", "/v1/messages", model(run),
        (int) (LongRecall.TOKENS * LongRecall.CHARS_PER_TOKEN), LongRecall.DEPTHS.length, LongRecall.TOKENS, LongRecall.MAX_TOKENS);
  }

  private static String model(RunContext run) {
    if (run.config().model() != null) return run.config().model();
    return run.primary().map(s -> s.recording().request().body()).map(b -> b.path("model").asText(null)).orElse(null);
  }

  private static long maxTokens(RunContext run) {
    return run.primary().map(Scenario::recording).map(r -> r.request().body()).map(b -> b.path("max_tokens"))
        .filter(JsonNode::isIntegralNumber).map(JsonNode::asLong).orElse(1024L);
  }
}
