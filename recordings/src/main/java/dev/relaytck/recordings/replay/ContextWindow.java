package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.http.Request;
import java.util.Locale;
import java.util.Optional;

/**
 * The replay upstream's stand-in for the model's context window, so long-context behaviour can
 * be proven hermetically: a prompt's size in tokens is estimated as its request body's UTF-8
 * bytes divided by {@value #BYTES_PER_TOKEN} (rounded up; deterministic, and the same figure its
 * count_tokens answers), and a {@code /v1/messages} request above the window is answered as the
 * official API does, with its own 400 {@code invalid_request_error} "prompt is too long". The
 * window is {@value #WINDOW} tokens, {@value #WINDOW_1M} with the {@value #BETA_1M} beta.
 */
final class ContextWindow {
  static final int BYTES_PER_TOKEN = 4;
  static final long WINDOW = 200_000;
  static final long WINDOW_1M = 1_000_000;
  static final String BETA_1M = "context-1m-2025-08-07";

  private ContextWindow() {}

  static long estimateTokens(byte[] body) {
    return body == null ? 0 : (body.length + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
  }

  static long window(Request request) {
    String beta = request.getHeader("anthropic-beta");
    return beta != null && beta.toLowerCase(Locale.ROOT).contains(BETA_1M) ? WINDOW_1M : WINDOW;
  }

  /** The official API's answer when the prompt does not fit the window, or empty when it fits. */
  static Optional<AnthropicErrors.Reply> tooLong(Request request) {
    long tokens = estimateTokens(request.getBody());
    long window = window(request);
    if (tokens <= window) return Optional.empty();
    return Optional.of(AnthropicErrors.reply(400, "invalid_request_error",
        "prompt is too long: " + tokens + " tokens > " + window + " maximum"));
  }

  /** A count_tokens answer for a request the recordings do not cover: the estimate. */
  static byte[] countTokens(byte[] body) {
    return ("{\"input_tokens\":" + estimateTokens(body) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
