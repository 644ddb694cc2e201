package dev.relaytck.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the replay upstream's journal ({@code GET /__admin/relay-tck/journal/{nonce}}): what the
 * relay forwarded for one kit request, found by the nonce of its marker. Hermetic mode only.
 */
public final class ReplayJournal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI replayUrl;
  private final HttpClient http;
  private final Duration timeout;

  public ReplayJournal(URI replayUrl, Duration timeout) {
    this.replayUrl = replayUrl;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  /**
   * The requests the upstream received carrying {@code nonce}, in arrival order.
   *
   * @throws TargetUnreachableException when the replay upstream cannot be read (an infrastructure problem, not the relay's)
   */
  public List<JournalEntry> forNonce(String nonce) {
    String base = replayUrl.toString().endsWith("/") ? replayUrl.toString() : replayUrl + "/";
    URI uri = URI.create(base + "__admin/relay-tck/journal/" + URLEncoder.encode(nonce, StandardCharsets.UTF_8));
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TargetUnreachableException("cannot read the replay journal at " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the replay journal", e);
    }
    if (resp.statusCode() != 200) {
      throw new TargetUnreachableException("the replay journal at " + uri + " answered " + resp.statusCode()
          + ": is --replay a relay-tck replay upstream?", null);
    }
    List<JournalEntry> out = new ArrayList<>();
    try {
      for (JsonNode r : JSON.readTree(resp.body()).path("requests")) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.path("headers").fields().forEachRemaining(f -> {
          List<String> values = new ArrayList<>();
          if (f.getValue().isArray()) f.getValue().forEach(v -> values.add(v.asText()));
          else values.add(f.getValue().asText());
          headers.put(f.getKey(), values);
        });
        out.add(new JournalEntry(r.path("method").asText(), r.path("url").asText(), headers,
            r.path("body").isNull() ? null : r.path("body").asText()));
      }
    } catch (IOException e) {
      throw new TargetUnreachableException("the replay journal at " + uri + " is not JSON: " + e.getMessage(), e);
    }
    return out;
  }
}
