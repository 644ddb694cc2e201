package dev.relaytck.report;

/**
 * HTML escaping for text and attribute values. Everything a relay sent (messages, evidence,
 * header values) and everything read from a report file is hostile: it goes through here.
 */
final class Html {
  private Html() {}

  static String esc(Object value) {
    if (value == null) return "";
    String s = XmlText.clean(String.valueOf(value));
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A link target only when it is an https URL: a report file read by {@code matrix} could carry
   * {@code javascript:} in a docUrl.
   */
  static String safeHref(String url) {
    if (url == null) return null;
    String u = url.strip();
    return u.regionMatches(true, 0, "https://", 0, 8) && !u.contains(" ") ? u : null;
  }

  /** A relative link inside the report directory (exchanges/...), never leaving it. */
  static String safeRelative(String path) {
    if (path == null) return null;
    return path.matches("exchanges/[A-Za-z0-9._-]+\\.json") && !path.contains("..") ? path : null;
  }
}
