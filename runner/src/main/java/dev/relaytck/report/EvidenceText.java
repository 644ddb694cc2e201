package dev.relaytck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evidence in words, shared by every human-readable report: expected, actual, where, and the
 * rest of the evidence as (truncated) JSON. Evidence is relay output: lengths are capped so a
 * multi-megabyte body cannot flood a CI page.
 */
final class EvidenceText {
  static final int MAX_VALUE_CHARS = 2_000;
  static final int MAX_EXCERPT_CHARS = 4_000;

  private EvidenceText() {}

  static String expected(Map<String, Object> evidence) {
    return value(evidence.get("expected"));
  }

  static String actual(Map<String, Object> evidence) {
    return value(evidence.get("actual"));
  }

  /** {@code event #3, byte 412, header content-type, at /delta/type}, or null when the evidence has no location. */
  static String location(Map<String, Object> evidence) {
    if (!(evidence.get("location") instanceof Map<?, ?> loc)) return null;
    List<String> parts = new ArrayList<>();
    if (loc.get("eventIndex") != null) parts.add("event #" + loc.get("eventIndex"));
    if (loc.get("byteOffset") != null) parts.add("byte " + loc.get("byteOffset"));
    if (loc.get("header") != null) parts.add("header " + loc.get("header"));
    Object pointer = loc.get("jsonPointer") != null ? loc.get("jsonPointer") : loc.get("pointer");
    if (pointer != null) parts.add("at " + (pointer.toString().isEmpty() ? "/" : pointer));
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** The whole evidence as indented JSON, cut at {@link #MAX_EXCERPT_CHARS}. */
  static String excerpt(Map<String, Object> evidence) {
    if (evidence.isEmpty()) return null;
    try {
      return truncate(ReportJson.mapper().writeValueAsString(evidence), MAX_EXCERPT_CHARS);
    } catch (JsonProcessingException e) {
      return truncate(String.valueOf(evidence), MAX_EXCERPT_CHARS);
    }
  }

  /** Expected / actual / where on separate lines; empty when the evidence has none of them. */
  static List<String> lines(Map<String, Object> evidence) {
    List<String> lines = new ArrayList<>();
    String expected = expected(evidence);
    String actual = actual(evidence);
    String where = location(evidence);
    if (expected != null) lines.add("expected: " + expected);
    if (actual != null) lines.add("actual:   " + actual);
    if (where != null) lines.add("where:    " + where);
    return lines;
  }

  static String value(Object v) {
    if (v == null) return null;
    if (v instanceof String s) return truncate(s, MAX_VALUE_CHARS);
    try {
      return truncate(ReportJson.mapper().writer().withoutFeatures(
          com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(v), MAX_VALUE_CHARS);
    } catch (JsonProcessingException e) {
      return truncate(String.valueOf(v), MAX_VALUE_CHARS);
    }
  }

  /**
   * Cuts {@code s} to about {@code max} characters at a word boundary when one is near (never
   * in the middle of a word such as "Soc…"), saying how much was left out.
   */
  static String truncate(String s, int max) {
    if (s == null || s.length() <= max) return s;
    int cut = max;
    int space = s.lastIndexOf(' ', max);
    if (space >= max * 4 / 5) cut = space;
    if (Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
    return s.substring(0, cut).stripTrailing() + "… (" + (s.length() - cut) + " more characters)";
  }

  /**
   * One line for tables and the console: newlines and tabs become spaces, and every other
   * control character (an ANSI escape from a hostile relay could rewrite the terminal) is
   * shown as {@code \\uXXXX}.
   */
  static String oneLine(String s, int max) {
    if (s == null) return "";
    String flat = s.replaceAll("[\\r\\n\\t]+", " ").strip();
    StringBuilder out = new StringBuilder(flat.length());
    flat.codePoints().forEach(cp -> {
      if (Character.getType(cp) == Character.CONTROL) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return truncate(out.toString(), max);
  }
}
