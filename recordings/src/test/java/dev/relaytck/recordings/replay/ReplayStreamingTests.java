package dev.relaytck.recordings.replay;

import static dev.relaytck.recordings.replay.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streams leave event by event at their recorded offsets, byte for byte, whatever a faithful relay changed. */
class ReplayStreamingTests {
  static ReplayServer paced;
  static ReplayServer fast;

  @BeforeAll
  static void start() {
    // First event at 500 ms, last at 1500 ms: wide enough to tell streaming from buffering.
    paced = ReplayServer.start(ReplayOptions.of(List.of(Fixtures.textStream("text-stream", 500, 1500, null))));
    fast = ReplayServer.start(ReplayOptions.of(List.of(Fixtures.textStream("text-stream", 500, 1500, null),
        Fixtures.textMessage("text-message"), Fixtures.countTokens("count-tokens")))
        .withTimeScale(0).withModelMap(Map.of(Fixtures.MODEL, "vendor/claude-sonnet")));
  }

  @AfterAll
  static void stop() {
    paced.close();
    fast.close();
  }

  @Test
  void headersLeaveBeforeTheFirstEventAndEventsArriveAtTheirOffsets() throws Exception {
    var arrival = Fixtures.stream(post(paced, "/v1/messages", Fixtures.requestBody("text-stream", "a1", true)).build());

    List<byte[]> recorded = Fixtures.streamEvents();
    assertThat(arrival.failure()).isNull();
    assertThat(arrival.events()).hasSize(recorded.size());
    // Headers at once, first event not before its 500 ms offset, last one ~1 s later.
    assertThat(arrival.headersMs()).isLessThan(400);
    assertThat(arrival.eventMs().get(0)).isGreaterThanOrEqualTo(450);
    assertThat(arrival.eventMs().get(0) - arrival.headersMs()).isGreaterThan(200);
    long spread = arrival.eventMs().get(arrival.eventMs().size() - 1) - arrival.eventMs().get(0);
    assertThat(spread).isBetween(700L, 4000L);
    // Events arrive one by one, in order, never all at once.
    assertThat(arrival.eventMs()).isSorted();
    assertThat(arrival.eventMs().get(recorded.size() / 2)).isBetween(arrival.eventMs().get(0) + 200, arrival.eventMs().get(recorded.size() - 1) - 200);
    // The server notes how late it was itself; on any machine that runs this test it is far below a second.
    StreamLog.Entry entry = awaitEntry(paced, "a1");
    assertThat(entry.outcome()).isEqualTo(StreamLog.COMPLETED);
    assertThat(entry.eventsDelivered()).isEqualTo(recorded.size());
    assertThat(entry.maxLateMs()).isBetween(0.0, 1000.0);
  }

  static StreamLog.Entry awaitEntry(ReplayServer server, String nonce) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var entries = server.streams().forNonce(nonce);
      if (!entries.isEmpty()) {
        return entries.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no stream log entry for " + nonce);
  }

  @Test
  void streamBytesEqualTheRecordingAndFramingHeadersAreJettys() throws Exception {
    var request = post(fast, "/v1/messages", Fixtures.requestBody("text-stream", "b1", true)).build();
    var response = Fixtures.HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Fixtures.concat(Fixtures.streamEvents()));
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
    assertThat(response.headers().firstValue("request-id")).hasValue("req_recorded");
    // The recorded Content-Length described the original body, not this one: never replayed.
    assertThat(response.headers().firstValue("content-length")).isEmpty();
  }

  @Test
  void jsonBodyIsServedWithItsLength() throws Exception {
    var response = Fixtures.send(post(fast, "/v1/messages", Fixtures.requestBody("text-message", "c1", false)).build());

    byte[] recorded = Fixtures.resource("generate-text-with-a-prompt-1.json");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(recorded);
    assertThat(response.headers().firstValueAsLong("content-length")).hasValue(recorded.length);
    assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
  }

  @Test
  void matchingSurvivesWhatAFaithfulRelayMayChange() throws Exception {
    ObjectNode body = Fixtures.requestBody("text-stream", "d1", true);
    body.put("model", "vendor/claude-sonnet");
    // Re-serialized (pretty-printed, fields reordered by the relay), ?beta=true, extra and re-cased headers.
    String reserialized = Fixtures.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fast.baseUrl() + "/v1/messages?beta=true"))
        .timeout(Fixtures.TIMEOUT)
        .header("Authorization", "Bearer relay-upstream-token")
        .header("X-Forwarded-For", "10.0.0.1")
        .header("Anthropic-Version", "2023-06-01")
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(reserialized)).build();
    var response = Fixtures.HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Fixtures.concat(Fixtures.streamEvents()));
  }

  @Test
  void aModelTheMapDoesNotExplainIsANearMiss() throws Exception {
    ObjectNode body = Fixtures.requestBody("text-stream", "e1", true);
    body.put("model", "some-other-model");
    var response = Fixtures.send(post(fast, "/v1/messages", body).build());

    assertThat(response.statusCode()).isEqualTo(404);
    var error = Fixtures.JSON.readTree(response.body());
    assertThat(error.at("/error/type").asText()).isEqualTo("not_found_error");
    assertThat(error.at("/error/message").asText())
        .contains("closest is 'text-stream'")
        .contains("model: recording is " + Fixtures.MODEL + ", request has some-other-model");
  }

  @Test
  void countTokensIsServedFromItsRecording() throws Exception {
    var response = Fixtures.send(post(fast, "/v1/messages/count_tokens", Fixtures.requestBody("count-tokens", "f1", false)).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Fixtures.JSON.readTree(response.body()).path("input_tokens").asInt()).isEqualTo(14);
  }
}
