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
            r.path("body").isNull() ? null : r.path("body").asText(), r.path("status").asInt(-1)));
      }
    } catch (IOException e) {
      throw new TargetUnreachableException("the replay journal at " + uri + " is not JSON: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The replay upstream's time scale from {@code GET /__admin/relay-tck/info}: the factor its
   * recorded event offsets are paced by. Empty when the upstream publishes no such page (it is
   * not relay-tck's replay upstream, so neither its pacing nor its fault suffixes are known).
   */
  public java.util.OptionalDouble timeScale() {
    URI uri = URI.create(base() + "__admin/relay-tck/info");
    try {
      HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (resp.statusCode() != 200) return java.util.OptionalDouble.empty();
      JsonNode scale = JSON.readTree(resp.body()).path("timeScale");
      return scale.isNumber() ? java.util.OptionalDouble.of(scale.asDouble()) : java.util.OptionalDouble.empty();
    } catch (IOException e) {
      return java.util.OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the replay info", e);
    }
  }

  /** How the upstream's answers carrying {@code nonce} ended (its stream log), in order; empty while still streaming. */
  public List<UpstreamStream> streams(String nonce) {
    URI uri = URI.create(base() + "__admin/relay-tck/journal/" + URLEncoder.encode(nonce, StandardCharsets.UTF_8));
    List<UpstreamStream> out = new ArrayList<>();
    try {
      HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (resp.statusCode() != 200) return out;
      for (JsonNode s : JSON.readTree(resp.body()).path("streams")) {
        java.time.Instant at;
        try {
          at = java.time.Instant.parse(s.path("at").asText());
        } catch (java.time.format.DateTimeParseException e) {
          at = null;
        }
        out.add(new UpstreamStream(s.path("outcome").asText(), s.path("eventsDelivered").asInt(-1),
            s.path("eventsTotal").asInt(-1), at, s.path("detail").asText(null)));
      }
    } catch (IOException e) {
      throw new TargetUnreachableException("cannot read the replay stream log at " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the replay stream log", e);
    }
    return out;
  }

  private String base() {
    return replayUrl.toString().endsWith("/") ? replayUrl.toString() : replayUrl + "/";
  }
}
