package dev.relaytck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test helper: finds secrets that reached disk or the console. Given the secret strings of a
 * run (client key, the key the relay used upstream), it scans every file of a report directory
 * and any captured output for each secret, also in the encodings a leak often takes (JSON/URL
 * escaping does not change these key alphabets, base64 does), and names every hit.
 */
public final class SecretLeakScanner {
  /** One leak: which secret (by its position in the list, never its value), where, and how encoded. */
  public record Leak(int secretIndex, String where, String encoding) {
    @Override
    public String toString() {
      return "secret #" + secretIndex + " (" + encoding + ") in " + where;
    }
  }

  private final List<String> secrets;

  public SecretLeakScanner(Collection<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  public List<Leak> scanDirectory(Path dir) throws IOException {
    List<Leak> leaks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        // Decode leniently: a binary file (a screenshot) can still carry a key as ASCII.
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        leaks.addAll(scanText(text, dir.relativize(f).toString()));
      }
    }
    return leaks;
  }

  public List<Leak> scanText(String text, String where) {
    List<Leak> leaks = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      String s = secrets.get(i);
      if (text.contains(s)) leaks.add(new Leak(i, where, "plain"));
      String b64 = Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
      // The stable middle of the base64 form, whatever the alignment of the secret in the encoded text.
      if (b64.length() > 12 && text.contains(b64.substring(4, b64.length() - 4))) leaks.add(new Leak(i, where, "base64"));
    }
    return leaks;
  }
}
