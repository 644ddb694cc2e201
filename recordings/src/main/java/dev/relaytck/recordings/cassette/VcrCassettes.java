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
    Map<?, ?> root = CassetteValues.map(document);
    Object interactions = root.containsKey("http_interactions") ? root.get("http_interactions") : root.get("interactions");
    List<ExchangeParts> out = new ArrayList<>();
    if (!(interactions instanceof List<?> list)) {
      return out;
    }
    for (Object interaction : list) {
      Map<?, ?> request = CassetteValues.map(CassetteValues.map(interaction).get("request"));
      Map<?, ?> response = CassetteValues.map(CassetteValues.map(interaction).get("response"));
      byte[] requestBody = request.containsKey("parsed_body")
          ? CassetteValues.json(request.get("parsed_body"))
          : CassetteValues.bytes(request.get("body"));
      boolean reserialized = response.containsKey("parsed_body");
      byte[] responseBody = reserialized ? CassetteValues.json(response.get("parsed_body")) : CassetteValues.bytes(response.get("body"));
      String method = CassetteValues.text(request.get("method"));
      out.add(new ExchangeParts(
          method == null ? null : method.toUpperCase(Locale.ROOT),
          CassetteValues.text(request.get("uri")),
          CassetteValues.headers(request.get("headers")),
          requestBody,
          CassetteValues.status(response.get("status")),
          CassetteValues.headers(response.get("headers")),
          responseBody,
          reserialized ? BodyKind.JSON_RESERIALIZED : null));
    }
    return out;
  }
}
