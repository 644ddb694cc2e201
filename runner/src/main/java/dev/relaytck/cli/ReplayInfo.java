package dev.relaytck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a replay upstream serves, read from its admin endpoint {@code GET /__admin/relay-tck/info}:
 * the scenarios of its recordings, its time scale and model map. Hermetic runs take these from
 * the server so the kit and the server never disagree.
 */
record ReplayInfo(double timeScale, Set<String> scenarios, Map<String, String> modelMap) {
  static final String PATH = "/__admin/relay-tck/info";

  static ReplayInfo fetch(URI replay, Duration timeout) {
    URI uri = replay.resolve(PATH);
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> resp;
    try {
      resp = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unreachable("cannot reach the replay upstream at " + replay + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while reading " + uri);
    }
    JsonNode info;
    try {
      info = new ObjectMapper().readTree(resp.body());
    } catch (IOException e) {
      info = null;
    }
    if (resp.statusCode() != 200 || info == null || !"relay-tck".equals(info.path("tool").asText())) {
      throw new UsageException("--replay " + replay + " is not a relay-tck replay upstream (" + uri + " answered " + resp.statusCode()
          + "); start one with 'relay-tck serve'");
    }
    Set<String> scenarios = new LinkedHashSet<>();
    info.path("recordings").forEach(r -> scenarios.add(r.path("scenario").asText()));
    Map<String, String> map = new LinkedHashMap<>();
    info.path("modelMap").fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return new ReplayInfo(info.path("timeScale").asDouble(1.0), scenarios, map);
  }

  /** The replay upstream itself could not be reached: like an unreachable target, exit 3. */
  static final class Unreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }
}
