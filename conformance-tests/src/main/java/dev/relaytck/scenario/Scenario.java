package dev.relaytck.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Fault;
import dev.relaytck.recordings.format.Recording;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

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
