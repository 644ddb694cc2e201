package dev.relaytck.recordings.format;

import java.util.List;

/**
 * What the official API answered to one request of the scenario catalog, with where it
 * came from. On disk a recording is a WireMock stub mapping plus body files (see
 * docs/recording-format.md); in memory it is this.
 *
 * @param scenario scenario ID, e.g. {@code text-stream}; the marker {@code [[relay-tck:<scenario>:<nonce>]]}
 *     in the last user message selects it
 * @param features protocol features the exchange covers ({@code tool_use}, {@code thinking}, ...)
 * @param model the model that answered, as recorded
 */
public record Recording(
    String scenario,
    String title,
    List<String> features,
    String model,
    Provenance provenance,
    RecordedRequest request,
    RecordedResponse response,
    Fault fault) {

  public boolean streaming() {
    return response.events() != null;
  }
}
