package dev.relaytck.standin;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model family counts tokens. The stand-in uses one tokenizer for count_tokens, for
 * {@code usage.input_tokens} and for {@code usage.output_tokens}, so the figures agree exactly
 * for the same request, as they do on the official API. Families differ on purpose: a relay that
 * serves another family shows at once in the counts.
 */
@FunctionalInterface
public interface Tokenizer {
  /** Tokens of a piece of text. */
  int count(String text);

  /** Words cut into pieces of at most {@code charsPerPiece} characters; punctuation one token each. */
  static Tokenizer wordPieces(int charsPerPiece) {
    Pattern unit = Pattern.compile("[\\p{L}\\p{N}_]+|[^\\p{L}\\p{N}_\\s]");
    return text -> {
      int tokens = 0;
      Matcher m = unit.matcher(text);
      while (m.find()) {
        int len = m.end() - m.start();
        tokens += (len + charsPerPiece - 1) / charsPerPiece;
      }
      return tokens;
    };
  }

  /** A byte-level tokenizer: UTF-8 bytes (whitespace included) grouped {@code bytesPerToken} at a time. */
  static Tokenizer utf8Bytes(int bytesPerToken) {
    return text -> (text.getBytes(StandardCharsets.UTF_8).length + bytesPerToken - 1) / bytesPerToken;
  }
}
