package dev.relaytck.report;

/**
 * Relay output may contain characters XML 1.0 cannot carry at all (NUL, most C0 controls, lone
 * surrogates); an XML writer escapes markup but passes these through and produces a file no CI
 * can parse. They are written as visible {@code \\uXXXX} instead.
 */
final class XmlText {
  private XmlText() {}

  static String clean(String s) {
    if (s == null) return "";
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (out != null) out.append(c).append(s.charAt(i + 1));
        i++;
        continue;
      }
      ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok) {
        if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
