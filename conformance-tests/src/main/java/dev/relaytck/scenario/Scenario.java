package dev.relaytck.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Fault;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.FaultSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of the catalog: what to send (the recording's request), what the official API
 * answered to it, and what any faithful answer must show.
 */
public record Scenario(String id, String title, List<String> features, Recording recording, Expectations expectations) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Scenario {
    Objects.requireNonNull(id, "id");
    features = List.copyOf(features);
  }

  public static Scenario of(Recording r) {
    JsonNode recorded = null;
    if (!r.streaming() && r.response().body() != null) {
      try {
        recorded = JSON.readTree(r.response().body());
      } catch (IOException e) {
        recorded = null;
      }
    }
    JsonNode body = r.request().body() == null ? JSON.createObjectNode() : r.request().body();
    return new Scenario(r.scenario(), r.title() == null ? r.scenario() : r.title(),
        r.features() == null ? List.of() : r.features(), r, Expectations.of(body, recorded));
  }

  /** A scenario named {@code id} served from {@code recording} with the fault it carries injected (see {@link FaultVariants}). */
  static Scenario variant(String id, Recording recording) {
    Scenario s = of(recording);
    return new Scenario(id, s.title(), s.features(), recording, s.expectations());
  }

  /**
   * A scenario derived from a recording by a fault the replay upstream injects on request (see
   * {@link FaultVariants}): its id is its own, while its marker names the recording it is served from.
   */
  public boolean injected() {
    return !id.equals(recording.scenario());
  }

  /**
   * A fresh marker for one request of this scenario: the recording's scenario, and for an
   * injected scenario the fault suffix that asks the replay upstream for its fault.
   */
  public Marker freshMarker() {
    Marker m = Marker.fresh(recording.scenario());
    return injected() && recording.fault() != null ? m.withFault(FaultSpec.format(recording.fault())) : m;
  }

  /**
   * The error type of the {@code event: error} the upstream sends in this stream: the injected
   * fault's, or that of an error event in the recorded stream; empty when the stream has none.
   */
  public Optional<String> streamErrorType() {
    Fault f = recording.fault();
    if (f != null && FaultSpec.ERROR_EVENT.equals(f.kind())) return Optional.ofNullable(f.errorType());
    if (f != null || recording.response().events() == null) return Optional.empty();
    for (RecordedEvent e : recording.response().events()) {
      String text = new String(e.bytes(), StandardCharsets.UTF_8);
      int data = text.indexOf("data:");
      if (data < 0) continue;
      try {
        JsonNode json = JSON.readTree(text.substring(data + 5).strip());
        if ("error".equals(json.path("type").asText())) return Optional.ofNullable(json.path("error").path("type").asText(null));
      } catch (IOException ignored) {
        // Not JSON: not an Anthropic error event.
      }
    }
    return Optional.empty();
  }

  public boolean streaming() {
    return recording.streaming() || recording.request().body() != null && recording.request().body().path("stream").asBoolean(false);
  }

  public boolean has(String feature) {
    return features.contains(feature);
  }

  public Fault fault() {
    return recording.fault();
  }

  /** The status the recording (or its injected fault) answers with. */
  public int recordedStatus() {
    Fault f = recording.fault();
    if (f != null && "status".equals(f.kind())) return f.status();
    return recording.response().status();
  }

  /** A scenario about messages (not count_tokens, models or another endpoint). */
  public boolean messages() {
    String p = recording.request().path();
    return p != null && p.equals("/v1/messages");
  }

  @Override
  public String toString() {
    return id;
  }
}
