package dev.relaytck.recordings.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.IOException;

/**
 * What matching needs from a request, parsed once: WireMock asks every stub's matcher
 * about the same request, and parsing the JSON body for each would dominate the cost.
 *
 * @param body the parsed JSON body, or null when absent or not JSON
 * @param marker the scenario marker, or null
 * @param markerError why a marker that is present could not be used (a malformed fault suffix), or null
 * @param malformedBody a body was sent but is not JSON
 */
record RequestView(String method, String path, JsonNode body, ScenarioMarker marker, String markerError,
    boolean malformedBody) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ThreadLocal<Cached> LAST = new ThreadLocal<>();

  private record Cached(Request request, RequestView view) {}

  static RequestView of(Request request) {
    Cached last = LAST.get();
    if (last != null && last.request == request) {
      return last.view;
    }
    RequestView view = parse(request.getMethod().getName(), request.getUrl(), request.getBody());
    LAST.set(new Cached(request, view));
    return view;
  }

  static RequestView parse(String method, String url, byte[] bodyBytes) {
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    JsonNode body = null;
    boolean malformed = false;
    if (bodyBytes != null && bodyBytes.length > 0) {
      try {
        body = JSON.readTree(bodyBytes);
      } catch (IOException notJson) {
        malformed = true;
      }
    }
    ScenarioMarker marker = null;
    String markerError = null;
    try {
      marker = ScenarioMarker.find(body).orElse(null);
    } catch (IllegalArgumentException e) {
      markerError = e.getMessage();
    }
    return new RequestView(method, path, body, marker, markerError, malformed);
  }

  boolean streaming() {
    return body != null && body.path("stream").asBoolean(false);
  }

  String model() {
    return body == null ? null : body.path("model").asText(null);
  }
}
