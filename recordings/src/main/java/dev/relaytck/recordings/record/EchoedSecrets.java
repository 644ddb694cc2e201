package dev.relaytck.recordings.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Removes the credential from anything the upstream sent back. The official API never echoes a
 * key, but the upstream may be a relay or a debugging proxy that does (in a header, an error
 * message, a body): the recording must stay secret-free whatever it answered. Secret headers by
 * name are removed by the format's writer ({@code SecretHeaders}); this catches the values.
 */
final class EchoedSecrets {
  static final String REDACTED = "<redacted>";

  private final List<String> secrets;
  private final Set<String> where = new TreeSet<>();

  EchoedSecrets(List<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s.length() >= 8).toList();
  }

  byte[] scrub(byte[] bytes, String place) {
    // ISO-8859-1: one char per byte, so bytes outside a match are kept exactly. Keys are ASCII.
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String scrubbed = scrub(text, place);
    return scrubbed == text ? bytes : scrubbed.getBytes(StandardCharsets.ISO_8859_1);
  }

  Map<String, List<String>> scrub(Map<String, List<String>> headers, String place) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach((name, values) -> {
      List<String> kept = new ArrayList<>();
      values.forEach(v -> kept.add(scrub(v, place + " header " + name)));
      out.put(name, kept);
    });
    return out;
  }

  String scrub(String text, String place) {
    String out = text;
    for (String secret : secrets) {
      if (out.contains(secret)) {
        out = out.replace(secret, REDACTED);
        where.add(place);
      }
    }
    return out;
  }

  /** Where the credential was found and removed; empty when the upstream never echoed it. */
  Set<String> found() {
    return where;
  }
}
