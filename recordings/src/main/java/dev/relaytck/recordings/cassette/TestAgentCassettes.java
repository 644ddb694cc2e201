package dev.relaytck.recordings.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The DataDog test agent's JSON cassettes: one exchange, headers as a name-to-value object. */
final class TestAgentCassettes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestAgentCassettes() {}

  static boolean accepts(JsonNode root) {
    return root.isObject() && root.has("request") && root.has("response");
  }

  static List<ExchangeParts> read(JsonNode root) {
    JsonNode request = root.path("request");
    JsonNode response = root.path("response");
    return List.of(new ExchangeParts(
        request.path("method").asText().toUpperCase(Locale.ROOT),
        request.path("url").asText(null),
        CassetteValues.headers(JSON.convertValue(request.path("headers"), Map.class)),
        body(request.path("body")),
        CassetteValues.status(JSON.convertValue(response.path("status"), Object.class)),
        CassetteValues.headers(JSON.convertValue(response.path("headers"), Map.class)),
        body(response.path("body")),
        null));
  }

  private static byte[] body(JsonNode body) {
    if (body.isMissingNode() || body.isNull()) {
      return null;
    }
    if (body.isTextual()) {
      return body.asText().getBytes(StandardCharsets.UTF_8);
    }
    return CassetteValues.json(JSON.convertValue(body, Object.class));
  }
}
