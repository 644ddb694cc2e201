package dev.relaytck.recordings.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingStoreTests {
  private static final String FAKE_KEY = "sk-ant-api03-FAKE-KEY-FOR-TESTS-ONLY";

  static Recording streamRecording() throws IOException {
    List<RecordedEvent> events = List.of(
        new RecordedEvent(0, "event: message_start\ndata: {\"type\":\"message_start\"}   \n\n".getBytes(StandardCharsets.UTF_8)),
        new RecordedEvent(40, "event: ping\r\ndata: {\"type\": \"ping\"}\r\n\r\n".getBytes(StandardCharsets.UTF_8)),
        new RecordedEvent(95, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.UTF_8)));
    return new Recording("text-stream", "Plain text, streamed", List.of("text", "stream"), "claude-test-model",
        new Provenance("captured-live", "owner/repo", "owner__repo/c.yaml", "abc", "MIT", null, "recorded", "2026-03-03T10:00:00Z"),
        new RecordedRequest("POST", "/v1/messages", "beta=true",
            Map.of("X-Api-Key", List.of(FAKE_KEY), "Authorization", List.of("Bearer " + FAKE_KEY),
                "anthropic-version", List.of("2023-06-01")),
            new ObjectMapper().readTree("{\"model\":\"claude-test-model\",\"stream\":true}")),
        new RecordedResponse(200,
            Map.of("Content-Type", List.of("text/event-stream"), "Set-Cookie", List.of("s=" + FAKE_KEY),
                "anthropic-organization-id", List.of("org-1"), "vary", List.of("a", "b")),
            null, events),
        null);
  }

  @Test
  void streamRoundTripsThroughDisk(@TempDir Path dir) throws IOException {
    Recording original = streamRecording();
    RecordingStore.write(original, dir);

    Recording read = Recordings.load(dir).get(0);

    assertThat(read.scenario()).isEqualTo("text-stream");
    assertThat(read.streaming()).isTrue();
    assertThat(read.response().events()).extracting(RecordedEvent::offsetMs).containsExactly(0L, 40L, 95L);
    for (int i = 0; i < 3; i++) {
      assertThat(read.response().events().get(i).bytes()).isEqualTo(original.response().events().get(i).bytes());
    }
    assertThat(Files.readAllBytes(dir.resolve("__files/text-stream.sse"))).isEqualTo(SseBlocks.join(original.response().events()));
    assertThat(read.request().query()).isEqualTo("beta=true");
    assertThat(read.request().body()).isEqualTo(original.request().body());
    assertThat(read.request().headers()).containsOnlyKeys("anthropic-version");
    assertThat(read.response().headers()).containsOnlyKeys("content-type", "vary");
    assertThat(read.response().headers().get("vary")).containsExactly("a", "b");
    assertThat(read.provenance()).isEqualTo(original.provenance());
    assertThat(read.features()).containsExactly("text", "stream");
    assertThat(read.model()).isEqualTo("claude-test-model");
  }

  @Test
  void secretsNeverReachDisk(@TempDir Path dir) throws IOException {
    RecordingStore.write(streamRecording(), dir);

    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        assertThat(text).as(f.toString()).doesNotContain(FAKE_KEY).doesNotContain("org-1")
            .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("set-cookie");
      }
    }
  }

  @Test
  void mappingIsAWireMockStubWithTheScenarioMatcherAndReplayTransformer(@TempDir Path dir) throws IOException {
    Path mapping = RecordingStore.write(streamRecording(), dir);

    StubMapping stub = Json.read(Files.readString(mapping), StubMapping.class);

    assertThat(stub.getName()).isEqualTo("text-stream");
    assertThat(stub.getRequest().getUrlPath()).isEqualTo("/v1/messages");
    assertThat(stub.getRequest().getCustomMatcher().getName()).isEqualTo("relay-tck-scenario");
    assertThat(stub.getRequest().getCustomMatcher().getParameters()).containsEntry("scenario", "text-stream");
    assertThat(stub.getResponse().getBodyFileName()).isEqualTo("text-stream.sse");
    assertThat(stub.getResponse().getTransformers()).containsExactly("relay-tck-replay");
    assertThat(stub.getResponse().getHeaders().getHeader("vary").values()).containsExactly("a", "b");
    assertThat(stub.getMetadata().getMetadata("relayTck").getInt("formatVersion")).isEqualTo(1);
  }

  @Test
  void writingIsDeterministic(@TempDir Path a, @TempDir Path b) throws IOException {
    RecordingStore.write(streamRecording(), a);
    RecordingStore.write(streamRecording(), b);
    assertThat(Files.readAllBytes(a.resolve("mappings/text-stream.json"))).isEqualTo(Files.readAllBytes(b.resolve("mappings/text-stream.json")));
    assertThat(Files.readString(a.resolve("mappings/text-stream.json"))).doesNotContain("\r").endsWith("}\n");
  }

  @Test
  void malformedRecordingsGetOneClearMessage(@TempDir Path dir) throws IOException {
    Path mapping = RecordingStore.write(streamRecording(), dir);
    String good = Files.readString(mapping);

    Files.writeString(mapping, good.replace("\"eventOffsetsMs\" : [ 0, 40, 95 ]", "\"eventOffsetsMs\" : [ 0, 40 ]"));
    assertThatThrownBy(() -> Recordings.load(dir)).isInstanceOf(RecordingFormatException.class)
        .hasMessageContaining("3 events in text-stream.sse but 2 eventOffsetsMs");

    Files.writeString(mapping, good.replace("\"eventOffsetsMs\" : [ 0, 40, 95 ]", "\"eventOffsetsMs\" : [ 0, 40, 10 ]"));
    assertThatThrownBy(() -> Recordings.load(dir)).hasMessageContaining("eventOffsetsMs[2] = 10 goes back in time");

    Files.writeString(mapping, good.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
    assertThatThrownBy(() -> Recordings.load(dir)).hasMessageContaining("formatVersion 7 is not supported");

    Files.writeString(mapping, "{ not json");
    assertThatThrownBy(() -> Recordings.load(dir)).isInstanceOf(RecordingFormatException.class).hasMessageContaining("not JSON");

    Files.writeString(mapping, good);
    Files.delete(dir.resolve("__files/text-stream.sse"));
    assertThatThrownBy(() -> Recordings.load(dir)).hasMessageContaining("body file __files/text-stream.sse is missing");

    assertThatThrownBy(() -> Recordings.load(dir.resolve("nothing"))).hasMessageContaining("not a recordings folder");
  }

  @Test
  void scenarioIdsAreShortKebabCase(@TempDir Path dir) throws IOException {
    Recording r = streamRecording();
    Recording bad = new Recording("../escape", r.title(), r.features(), r.model(), r.provenance(), r.request(), r.response(), null);
    assertThatThrownBy(() -> RecordingStore.write(bad, dir)).isInstanceOf(RecordingFormatException.class)
        .hasMessageContaining("not short kebab-case");
  }
}
