package dev.relaytck.recordings.cassette;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * vcrpy cassettes ({@code interactions:}, Python: pytest-recording, the DataDog test agent's
 * YAML, pydantic-ai's serializer with {@code parsed_body}) and Ruby VCR 6 cassettes
 * ({@code http_interactions:}, {@code body.string} with an {@code encoding}).
 */
final class VcrCassettes {
  private VcrCassettes() {}

  /** The exchanges of a loaded cassette; an empty list when the document is not a cassette. */
  static List<ExchangeParts> read(Object document) {
    Map<?, ?> root = Bodies.map(document);
    Object interactions = root.containsKey("http_interactions") ? root.get("http_interactions") : root.get("interactions");
    List<ExchangeParts> out = new ArrayList<>();
    if (!(interactions instanceof List<?> list)) {
      return out;
    }
    for (Object interaction : list) {
      Map<?, ?> request = Bodies.map(Bodies.map(interaction).get("request"));
      Map<?, ?> response = Bodies.map(Bodies.map(interaction).get("response"));
      byte[] requestBody = request.containsKey("parsed_body")
          ? Bodies.json(request.get("parsed_body"))
          : Bodies.bytes(request.get("body"));
      boolean reserialized = response.containsKey("parsed_body");
      byte[] responseBody = reserialized ? Bodies.json(response.get("parsed_body")) : Bodies.bytes(response.get("body"));
      String method = Bodies.text(request.get("method"));
      out.add(new ExchangeParts(
          method == null ? null : method.toUpperCase(Locale.ROOT),
          Bodies.text(request.get("uri")),
          Bodies.headers(request.get("headers")),
          requestBody,
          Bodies.status(response.get("status")),
          Bodies.headers(response.get("headers")),
          responseBody,
          reserialized ? BodyKind.JSON_RESERIALIZED : null));
    }
    return out;
  }
}
