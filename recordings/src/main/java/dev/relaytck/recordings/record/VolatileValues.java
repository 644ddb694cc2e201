package dev.relaytck.recordings.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values of one exchange that change on every request (ids, dates, trace ids) by
 * stable stand-ins, so that re-recording a scenario changes only what the model really said
 * differently. The rules are the ones docs/recording.md lists:
 *
 * <ul>
 *   <li>ids with an API prefix ({@code msg_}, {@code toolu_}, {@code srvtoolu_}, {@code req_}, ...)
 *       become the same prefix and the same length, their first two characters kept, the rest
 *       derived from the scenario and the order in which the ids first appear; one id is replaced
 *       by the same stand-in wherever it occurs (body and {@code request-id} alike);</li>
 *   <li>{@code date} becomes the epoch, and every {@code *-reset} header holding an instant
 *       becomes {@code 1970-01-01T00:00:00Z} (the real capture time is kept in provenance);</li>
 *   <li>{@code cf-ray}, {@code traceresponse} and {@code traceparent} keep their shape with stable hex digits;</li>
 *   <li>headers about one connection (transfer-encoding, content-length, ...) are dropped.</li>
 * </ul>
 *
 * <p>Bodies are handled as ISO-8859-1 text, one char per byte, so every byte that is not part
 * of a replaced id stays exactly as the upstream sent it (padding, line endings, invalid UTF-8).
 * Ids keep their length, so the stream's byte layout keeps its shape.
 */
public final class VolatileValues {
  static final String EPOCH_DATE = "Thu, 01 Jan 1970 00:00:00 GMT";
  static final String EPOCH_INSTANT = "1970-01-01T00:00:00Z";

  private static final Pattern ID = Pattern.compile(
      "(?<![A-Za-z0-9_])(msg|toolu|srvtoolu|mcptoolu|req|msgbatch|file|compact)_([A-Za-z0-9]{8,})");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{8,}");
  private static final Set<String> CONNECTION_HEADERS = Set.of(
      "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host",
      "proxy-connection", "upgrade", "te", "trailer");
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final String seed;
  private final Map<String, String> replacements = new HashMap<>();
  private int hexCount;

  /** @param seed what makes the stand-ins of one recording differ from another's (the scenario id) */
  public VolatileValues(String seed) {
    this.seed = seed;
  }

  public byte[] body(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String replaced = replaceIds(text);
    return replaced.equals(text) ? bytes : replaced.getBytes(StandardCharsets.ISO_8859_1);
  }

  public Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach((name, values) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.startsWith(":") || CONNECTION_HEADERS.contains(n)) {
        return; // HTTP/2 pseudo-headers and connection framing: the replay server sets its own
      }
      List<String> kept = new ArrayList<>();
      for (String value : values) {
        kept.add(header(n, value));
      }
      out.computeIfAbsent(n, k -> new ArrayList<>()).addAll(kept);
    });
    return out;
  }

  private String header(String name, String value) {
    if (name.equals("date")) {
      return EPOCH_DATE;
    }
    if (name.endsWith("-reset") && isInstant(value)) {
      return EPOCH_INSTANT;
    }
    if (name.equals("cf-ray") || name.equals("traceresponse") || name.equals("traceparent")) {
      Matcher hex = HEX.matcher(value);
      StringBuilder out = new StringBuilder();
      while (hex.find()) {
        hex.appendReplacement(out, token("hex" + hexCount++, hex.group().length(), "0123456789abcdef"));
      }
      hex.appendTail(out);
      return out.toString();
    }
    return replaceIds(value);
  }

  private String replaceIds(String text) {
    Matcher id = ID.matcher(text);
    if (!id.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      String original = id.group();
      String stand = replacements.computeIfAbsent(original, o -> {
        String prefix = id.group(1);
        String tail = id.group(2);
        int kept = Math.min(2, tail.length());
        return prefix + "_" + tail.substring(0, kept)
            + token(prefix + replacements.size(), tail.length() - kept, BASE62);
      });
      id.appendReplacement(out, Matcher.quoteReplacement(stand));
    } while (id.find());
    id.appendTail(out);
    return out.toString();
  }

  /** {@code length} characters of {@code alphabet} derived from the seed and {@code salt}. */
  private String token(String salt, int length, String alphabet) {
    StringBuilder out = new StringBuilder(length);
    byte[] digest = new byte[0];
    for (int round = 0; out.length() < length; round++) {
      if (round % 32 == 0) {
        digest = sha256("relay-tck:" + seed + ":" + salt + ":" + round / 32);
      }
      out.append(alphabet.charAt(Byte.toUnsignedInt(digest[round % 32]) % alphabet.length()));
    }
    return out.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static boolean isInstant(String value) {
    try {
      Instant.parse(value.strip());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
