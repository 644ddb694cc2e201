package dev.relaytck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything the kit writes. Relay output is hostile and relays echo what
 * they are sent (a key in an error message, the journal's copy of what the relay forwarded
 * upstream), so scrubbing happens on the way out, whatever the text came from: every configured
 * secret value is replaced wherever it occurs, Anthropic-style keys and bearer tokens are
 * replaced even when nobody configured them, and credential headers lose their values.
 */
public final class SecretScrubber {
  public static final String MASK = "[REDACTED]";
  /** Values shorter than this are not treated as secrets: masking "abc" everywhere would wreck the report. */
  static final int MIN_SECRET_LENGTH = 6;

  private static final Set<String> CREDENTIAL_HEADERS = Set.of(
      "authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "set-cookie",
      "anthropic-organization-id", "x-goog-api-key");
  private static final Pattern ANTHROPIC_KEY = Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{8,}");
  private static final Pattern BEARER = Pattern.compile(
      "(?i)(\\bbearer\\s+)(?=[A-Za-z0-9._~+/=\\-]*\\d)[A-Za-z0-9._~+/=\\-]{16,}");

  private final List<String> secrets;

  public SecretScrubber(Collection<String> secrets) {
    List<String> usable = new ArrayList<>();
    for (String s : secrets) {
      if (s != null && s.strip().length() >= MIN_SECRET_LENGTH) usable.add(s.strip());
    }
    // Longest first, so a secret that contains another is masked whole.
    usable.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(usable);
  }

  public static SecretScrubber none() {
    return new SecretScrubber(List.of());
  }

  /** Whether a header carries credentials (name compared case-insensitively). */
  public static boolean credentialHeader(String name) {
    return name != null && CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  public String scrub(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = text;
    for (String secret : secrets) {
      if (out.contains(secret)) out = out.replace(secret, MASK);
    }
    out = ANTHROPIC_KEY.matcher(out).replaceAll(MASK);
    Matcher bearer = BEARER.matcher(out);
    if (bearer.find()) out = bearer.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    return out;
  }

  /** Scrubs every string of a JSON tree in place (values and field names) and returns it. */
  public JsonNode scrub(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        fields.add(it.next());
      }
      object.removeAll();
      for (Map.Entry<String, JsonNode> f : fields) {
        object.set(scrub(f.getKey()), scrub(f.getValue()));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, scrub(array.get(i)));
      }
      return array;
    }
    if (node != null && node.isTextual()) {
      String scrubbed = scrub(node.textValue());
      return scrubbed.equals(node.textValue()) ? node : TextNode.valueOf(scrubbed);
    }
    return node;
  }
}
