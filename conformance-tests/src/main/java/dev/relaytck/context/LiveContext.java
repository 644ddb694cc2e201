package dev.relaytck.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * What the long-context checks need live, where no journal shows what reached the upstream:
 * prompts sized in the model's own tokens with count_tokens through the relay (free) before any
 * billed request, and the model's window. The kit's bytes / 4 guess is only a starting point: a
 * real tokenizer counts source code far denser, and a prompt meant for 180k tokens must not
 * overshoot a 200k window.
 */
public final class LiveContext {
  /** The documented standard window (without the 1M beta), used when neither --context-window nor /v1/models gives one. */
  public static final long DOCUMENTED_WINDOW = 200_000;
  /** Resizing rounds: each scales the bytes by target / counted. */
  static final int SIZING_ROUNDS = 3;
  /** A sized prompt may come out this much under its target, never over. */
  static final double SIZING_SLACK = 0.03;
  /** When count_tokens refuses the first guess as too long: shrink by this factor, at most this often. */
  static final double SHRINK = 0.6;
  static final int SHRINK_ROUNDS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LiveContext() {}

  /**
   * A request of about {@code targetTokens} counted tokens (at most that many when count_tokens
   * answers), built by {@code requestOfBytes} from a byte size.
   *
   * @param countedTokens count_tokens of the final request, -1 when count_tokens did not answer
   */
  public record Sized(ExchangeRequest request, long countedTokens, String countedBy) {
    public long tokens() {
      return countedTokens >= 0 ? countedTokens : request.body().length / LongPrompts.BYTES_PER_TOKEN;
    }
  }

  public static Sized sized(RunContext run, long targetTokens, LongFunction<ExchangeRequest> requestOfBytes) {
    long first = targetTokens * LongPrompts.BYTES_PER_TOKEN;
    long bytes = first;
    ExchangeRequest request = requestOfBytes.apply(bytes);
    Counted c = count(run, request);
    Counted firstCount = c;
    for (int i = 0; i < SIZING_ROUNDS + SHRINK_ROUNDS; i++) {
      if (c.tokens().isPresent()) {
        long counted = c.tokens().getAsLong();
        if (counted <= targetTokens && counted >= (1 - SIZING_SLACK) * targetTokens) break;
        bytes = Math.max(1_000, (long) (bytes * (targetTokens * (1 - SIZING_SLACK / 2)) / counted));
      } else if (refusedAsTooLong(c) && i < SHRINK_ROUNDS) {
        // Over the window in the model's own tokens (the API counts nothing above it): smaller, then scale by the count.
        bytes = (long) (bytes * SHRINK);
      } else {
        break;
      }
      request = requestOfBytes.apply(bytes);
      c = count(run, request);
    }
    if (c.tokens().isEmpty()) {
      // Never counted: the bytes / 4 guess, as first built (a relay that refuses to count must not get a smaller prompt).
      return new Sized(requestOfBytes.apply(first), -1, "bytes / " + LongPrompts.BYTES_PER_TOKEN + " (count_tokens answered "
          + firstCount.status() + ")");
    }
    return new Sized(request, c.tokens().getAsLong(), "count_tokens through the relay");
  }

  private static boolean refusedAsTooLong(Counted c) {
    return c.status() == 400 || c.status() == 413;
  }

  /** count_tokens of a Messages request through the relay: its {@code input_tokens}, or the status that refused it. */
  public record Counted(OptionalLong tokens, int status, String summary) {}

  public static Counted count(RunContext run, ExchangeRequest messages) {
    Exchange c = run.client().send("ctx-count", LongRequests.countTokens(messages));
    if (c.status() == 200) {
      JsonNode n = c.json().map(j -> j.path("input_tokens")).orElse(null);
      if (n != null && n.isIntegralNumber()) return new Counted(OptionalLong.of(n.asLong()), 200, c.summary());
    }
    return new Counted(OptionalLong.empty(), c.status(), c.summary());
  }

  /** A long document with a question after it, on {@code base}'s settings (the live request of CTX-010 and CTX-040). */
  public static ExchangeRequest document(RunContext run, Scenario base, long bytes, String question) {
    return LongRequests.messages(base, run.config(), LongPrompts.documentMessages(LongPrompts.sourceFile(bytes), question), null);
  }

  /**
   * CTX-020's conversation, live: the tool its history calls is declared (the API refuses
   * tool_use blocks without a tools list).
   */
  public static ExchangeRequest conversation(RunContext run, Scenario base, ArrayNode messages) {
    ExchangeRequest r = LongRequests.messages(base, run.config(), messages, null);
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(r.body());
      if (!body.has("tools")) {
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("name", "read_file").put("description", "Reads a file of the project.");
        ObjectNode schema = tool.putObject("input_schema").put("type", "object");
        schema.putObject("properties").putObject("path").put("type", "string");
        schema.putArray("required").add("path");
      }
      return new ExchangeRequest(r.method(), r.pathAndQuery(), r.headers(), JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8),
          r.credential());
    } catch (IOException e) {
      throw new IllegalStateException("cannot rebuild a request the kit wrote", e);
    }
  }

  /**
   * The model's window: {@code --context-window}, else {@code max_input_tokens} of the model in
   * the relay's {@code GET /v1/models} (free), else {@link #DOCUMENTED_WINDOW}.
   *
   * @param source where the figure came from, for the evidence
   */
  public record Window(long tokens, String source) {}

  public static Window window(RunContext run) {
    var flag = run.setting(EvidenceSettings.CONTEXT_WINDOW);
    if (flag.isPresent()) {
      try {
        return new Window(Long.parseLong(flag.get().trim()), "--context-window");
      } catch (NumberFormatException e) {
        // Reported below as the documented figure.
      }
    }
    String model = run.config().model();
    Exchange list = run.client().send("ctx-models", ExchangeRequest.get("/v1/models?limit=1000"));
    if (list.status() == 200 && model != null) {
      for (JsonNode m : list.json().map(j -> j.path("data")).orElse(JSON.createArrayNode())) {
        if (model.equals(m.path("id").asText()) && m.path("max_input_tokens").isIntegralNumber()) {
          return new Window(m.path("max_input_tokens").asLong(), "max_input_tokens of GET /v1/models");
        }
      }
    }
    return new Window(DOCUMENTED_WINDOW, "the documented standard window (GET /v1/models gave none for " + model + ")");
  }

  /** {@code usage.input_tokens} plus cache writes and reads of a Messages answer, -1 when absent. */
  public static long billedInput(Exchange e) {
    JsonNode usage = e.json().map(j -> j.path("usage")).orElse(null);
    if (usage == null || !usage.path("input_tokens").isIntegralNumber()) return -1;
    return dev.relaytck.live.TokenAgreement.billedInput(usage);
  }

  /** The live window the probes are sized against: the 1M window needs its beta (CTX-030), so at most the standard one. */
  public static long probedWindow(long window) {
    return Math.min(window, DOCUMENTED_WINDOW);
  }

  /** The planned window (no request at planning time): --context-window or the documented one, capped as probed. */
  public static long plannedWindow(RunContext run) {
    return probedWindow(run.setting(EvidenceSettings.CONTEXT_WINDOW).map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        return DOCUMENTED_WINDOW;
      }
    }).orElse(DOCUMENTED_WINDOW));
  }
}
