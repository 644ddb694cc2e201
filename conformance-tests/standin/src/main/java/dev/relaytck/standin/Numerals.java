package dev.relaytck.standin;

/**
 * Numbers in other scripts, as a multilingual model writes them, and the slips a weaker one makes:
 * kanji read digit by digit (四七 for 47), Persian digits where Arabic-Indic ones were asked.
 */
final class Numerals {
  private static final String[] KANJI = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  private static final String[] UNITS = {"", "十", "百", "千"};

  private Numerals() {}

  /** 1..9999 in kanji numerals: 47 is 四十七, 10 is 十, 110 is 百十, 2024 is 二千二十四. */
  static String kanji(int n) {
    if (n < 1 || n > 9999) throw new IllegalArgumentException("1..9999 only");
    StringBuilder s = new StringBuilder();
    String digits = Integer.toString(n);
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(i) - '0';
      int unit = digits.length() - 1 - i;
      if (d == 0) continue;
      if (d > 1 || unit == 0) s.append(KANJI[d]);
      s.append(UNITS[unit]);
    }
    return s.toString();
  }

  /** The slip: each digit as its kanji, positions ignored. */
  static String kanjiDigitByDigit(int n) {
    StringBuilder s = new StringBuilder();
    for (char c : Integer.toString(n).toCharArray()) s.append(KANJI[c - '0']);
    return s.toString();
  }

  /** Arabic-Indic digits (U+0660..U+0669), as Arabic script writes numbers. */
  static String arabicIndic(int n) {
    return shifted(n, '\u0660');
  }

  /** The slip: Extended Arabic-Indic (Persian) digits, U+06F0..U+06F9, which look alike in part. */
  static String persian(int n) {
    return shifted(n, '\u06F0');
  }

  private static String shifted(int n, char zero) {
    StringBuilder s = new StringBuilder();
    for (char c : Integer.toString(n).toCharArray()) s.append((char) (zero + (c - '0')));
    return s.toString();
  }
}
