package dev.relaytck.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;

/** The stand-in's JSON mapper and the official id shapes ({@code msg_01…}, {@code toolu_01…}, {@code req_011C…}). */
final class Wire {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Base58 as the official ids use it (no 0, O, I, l). */
  private static final char[] BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

  private Wire() {}

  static String messageId() {
    return "msg_01" + randomChars(22);
  }

  static String toolUseId() {
    return "toolu_01" + randomChars(22);
  }

  static String requestId() {
    return "req_011C" + randomChars(21);
  }

  private static String randomChars(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = BASE58[RANDOM.nextInt(BASE58.length)];
    }
    return new String(c);
  }
}
