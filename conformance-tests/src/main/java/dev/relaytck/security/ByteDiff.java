package dev.relaytck.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where two texts first and last differ: the common prefix and suffix removed, what is left of
 * each is the span that changed. {@code offset} counts UTF-8 bytes, so a report can point at the
 * exact bytes; the spans are cut to {@link #MAX} characters for evidence.
 *
 * @param offset UTF-8 byte offset of the first differing byte
 * @param expected what the upstream sent in the changed span (may be empty: an insertion)
 * @param actual what arrived in its place (may be empty: a deletion)
 * @param before up to {@link #CONTEXT} characters of the common text before the span
 */
public record ByteDiff(long offset, String expected, String actual, String before, String after) {
  static final int MAX = 400;
  static final int CONTEXT = 40;

  /** The difference of {@code expected} and {@code actual}, or {@code null} when they are equal. */
  public static ByteDiff of(String expected, String actual) {
    if (expected.equals(actual)) return null;
    int prefix = 0;
    int max = Math.min(expected.length(), actual.length());
    while (prefix < max && expected.charAt(prefix) == actual.charAt(prefix)) prefix++;
    int suffix = 0;
    while (suffix < max - prefix
        && expected.charAt(expected.length() - 1 - suffix) == actual.charAt(actual.length() - 1 - suffix)) {
      suffix++;
    }
    long offset = expected.substring(0, prefix).getBytes(StandardCharsets.UTF_8).length;
    return new ByteDiff(offset, cut(expected.substring(prefix, expected.length() - suffix)),
        cut(actual.substring(prefix, actual.length() - suffix)),
        expected.substring(Math.max(0, prefix - CONTEXT), prefix),
        expected.substring(expected.length() - suffix, Math.min(expected.length(), expected.length() - suffix + CONTEXT)));
  }

  private static String cut(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
  }

  /** The evidence form: offset, expected and actual spans, and their context. */
  public Map<String, Object> evidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("byteOffset", offset);
    m.put("expectedBytes", expected);
    m.put("actualBytes", actual);
    m.put("before", before);
    m.put("after", after);
    return m;
  }

  @Override
  public String toString() {
    return "at byte " + offset + ": expected " + quote(expected) + ", got " + quote(actual);
  }

  static String quote(String s) {
    return s.isEmpty() ? "nothing" : "'" + s.replace("\n", "\\n") + "'";
  }
}
