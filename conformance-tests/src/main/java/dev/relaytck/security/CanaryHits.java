package dev.relaytck.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the replay upstream's record of fetches of a canary URL
 * ({@code GET /__admin/relay-tck/canary/<nonce>}). Empty when the upstream is not relay-tck's
 * (it has no such page), so SEC-060 can say it could not look rather than pass.
 */
public final class CanaryHits {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One fetch: when, what, and the headers it came with (credentials fingerprinted by the replay). */
  public record Hit(String receivedAt, String method, String url, String clientIp, Map<String, List<String>> headers) {}

  private CanaryHits() {}

  public static Optional<List<Hit>> read(URI replay, String nonce, Duration timeout) {
    String base = replay.toString().endsWith("/") ? replay.toString() : replay + "/";
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(base + "__admin/relay-tck/canary/" + nonce))
          .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (resp.statusCode() != 200) return Optional.empty();
      List<Hit> hits = new ArrayList<>();
      for (JsonNode h : JSON.readTree(resp.body()).path("hits")) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        h.path("headers").fields().forEachRemaining(f -> {
          List<String> values = new ArrayList<>();
          f.getValue().forEach(v -> values.add(v.asText()));
          headers.put(f.getKey(), values);
        });
        hits.add(new Hit(h.path("receivedAt").asText(null), h.path("method").asText(), h.path("url").asText(),
            h.path("clientIp").asText(null), headers));
      }
      return Optional.of(hits);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
