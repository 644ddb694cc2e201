package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.http.Request;
import dev.relaytck.recordings.format.AnthropicErrors;
import java.util.Locale;
import java.util.Optional;

/**
 * The replay upstream's stand-in for the model's context window, so long-context behaviour can
 * be proven hermetically: a prompt's size in tokens is estimated as its request body's UTF-8
 * bytes divided by {@value #BYTES_PER_TOKEN} (rounded up; deterministic, and the same figure its
 * count_tokens answers), where a base64 image or document counts {@value #TOKENS_PER_MEDIA}
 * tokens instead of its bytes (the API prices media by content, not by encoding), and a {@code /v1/messages} request above the window is answered as the
 * official API does, with its own 400 {@code invalid_request_error} "prompt is too long". The
 * window is {@value #WINDOW} tokens, {@value #WINDOW_1M} with the {@value #BETA_1M} beta.
 */
final class ContextWindow {
  static final int BYTES_PER_TOKEN = 4;
  static final long WINDOW = 200_000;
  static final long WINDOW_1M = 1_000_000;
  static final String BETA_1M = "context-1m-2025-08-07";

  private ContextWindow() {}

  static final long TOKENS_PER_MEDIA = 1_600;
  private static final byte[] BASE64 = "\"base64\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  static long estimateTokens(byte[] body) {
    if (body == null) return 0;
    long bytes = body.length;
    long media = 0;
    if (contains(body, BASE64)) {
      try {
        for (com.fasterxml.jackson.databind.JsonNode source : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)
            .findValues("source")) {
          if ("base64".equals(source.path("type").asText()) && source.path("data").isTextual()) {
            bytes -= source.path("data").asText().length();
            media++;
          }
        }
      } catch (java.io.IOException notJson) {
        // counted by its bytes
      }
    }
    return (Math.max(0, bytes) + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN + media * TOKENS_PER_MEDIA;
  }

  private static boolean contains(byte[] body, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= body.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
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
