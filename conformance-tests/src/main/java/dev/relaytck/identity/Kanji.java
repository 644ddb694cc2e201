package dev.relaytck.identity;

/** Expected answers of the multilingual probes: numbers in kanji and in Arabic-Indic digits. */
final class Kanji {
  private static final String[] DIGITS = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

  private Kanji() {}

  /** 1..99 in kanji numerals: 47 is 四十七, 10 is 十, 20 is 二十. */
  static String of(int n) {
    if (n < 1 || n > 99) throw new IllegalArgumentException("1..99 only");
    int tens = n / 10;
    int ones = n % 10;
    String t = tens == 0 ? "" : (tens == 1 ? "" : DIGITS[tens]) + "十";
    return t + DIGITS[ones];
  }

  static String arabicIndic(int n) {
    StringBuilder s = new StringBuilder();
    for (char c : Integer.toString(n).toCharArray()) s.append((char) ('\u0660' + (c - '0')));
    return s.toString();
  }
}
