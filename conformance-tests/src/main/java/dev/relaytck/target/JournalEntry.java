package dev.relaytck.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the replay upstream received for one kit request: the request as the relay forwarded it.
 *
 * @param url path and query as received, e.g. {@code /v1/messages?beta=true}
 * @param headers every header as received, names case-insensitive
 * @param status the status the upstream answered, or -1 when the journal does not say
 */
public record JournalEntry(String method, String url, Map<String, List<String>> headers, String body, int status) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public JournalEntry {
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(h);
  }

  public JournalEntry(String method, String url, Map<String, List<String>> headers, String body) {
    this(method, url, headers, body, -1);
  }

  public String path() {
    return URI.create(url).getRawPath();
  }

  /** The raw query string, or {@code null}. */
  public String query() {
    return URI.create(url).getRawQuery();
  }

  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(String.join(",", v));
  }

  public Optional<JsonNode> json() {
    try {
      return body == null || body.isEmpty() ? Optional.empty() : Optional.ofNullable(JSON.readTree(body));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
