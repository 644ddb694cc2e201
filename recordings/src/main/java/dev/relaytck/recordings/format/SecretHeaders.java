package dev.relaytck.recordings.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Headers that never reach disk: credentials, cookies, and the identifiers of the account that
 * made the recording. Every writer of recordings goes through {@link #strip}.
 */
public final class SecretHeaders {
  private static final List<String> NAMES = List.of(
      "x-api-key", "api-key", "authorization", "proxy-authorization", "cookie", "set-cookie",
      "anthropic-organization-id", "anthropic-workspace-id");

  private SecretHeaders() {}

  public static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return NAMES.contains(n) || n.endsWith("-api-key") || n.contains("organization-id") || n.contains("workspace-id");
  }

  /** A copy without the secret headers, names lower-cased and sorted (small, stable diffs). */
  public static Map<String, List<String>> strip(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new TreeMap<>();
    if (headers == null) {
      return out;
    }
    headers.forEach((name, values) -> {
      if (!isSecret(name)) {
        out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>()).addAll(values);
      }
    });
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }
}
