package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.FaultSpec;
import static dev.relaytck.recordings.replay.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.recordings.format.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every fault kind (recordings at offset 0 unless spaced), selected by the marker suffix (and by the recording), shaped like the official API's. */
class ReplayFaultTests {
  static ReplayServer server;
  static final int EVENTS = Fixtures.streamEvents().size();

  @BeforeAll
  static void start() {
    server = ReplayServer.start(ReplayOptions.of(List.of(
        Fixtures.textStream("text-stream", 0, 0, null),
        Fixtures.textMessage("text-message"),
        Fixtures.textStream("overloaded-stream", 0, 0, new Fault(FaultSpec.ERROR_EVENT, 0, "overloaded_error", 4, 0)),
        // 20 ms apart: a client has read what arrived before the connection is cut.
        Fixtures.textStream("spaced-stream", 0, 20L * (EVENTS - 1), null)))
        .withTimeScale(1));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static java.net.http.HttpRequest streamWith(String nonce, String fault) {
    return post(server, "/v1/messages", Fixtures.requestBody("Go [[relay-tck:text-stream:" + nonce + ":fault=" + fault + "]]", true)).build();
  }

  private static JsonNode json(String body) throws Exception {
    return Fixtures.JSON.readTree(body);
  }

  @Test
  void status429CarriesRetryAfterAndARateLimitBody() throws Exception {
    var response = Fixtures.send(streamWith("s429", "status=429"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    assertThat(response.headers().firstValue("x-should-retry")).hasValue("true");
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = json(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(body.path("request_id").asText()).isEqualTo(response.headers().firstValue("request-id").orElseThrow());
  }

  @Test
  void status529IsOverloadedAndRetryable() throws Exception {
    var response = Fixtures.send(streamWith("s529", "status=529"));

    assertThat(response.statusCode()).isEqualTo(529);
    assertThat(response.headers().firstValue("x-should-retry")).hasValue("true");
    assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(json(response.body()).at("/error/message").asText()).isEqualTo("Overloaded");
  }

  @Test
  void status500IsAnApiError() throws Exception {
    var response = Fixtures.send(post(server, "/v1/messages",
        Fixtures.requestBody("[[relay-tck:text-message:s500:fault=status=500]]", false)).build());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("api_error");
  }

  @Test
  void status413HasTheEdgeShapeWithoutTypeOrRequestId() throws Exception {
    var response = Fixtures.send(streamWith("s413", "status=413"));

    assertThat(response.statusCode()).isEqualTo(413);
    JsonNode body = json(response.body());
    assertThat(body.has("type")).isFalse();
    assertThat(body.has("request_id")).isFalse();
    assertThat(body.at("/error/type").asText()).isEqualTo("request_too_large");
    assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
  }

  @Test
  void errorEventAfterNEventsEndsTheStream() throws Exception {
    var arrival = Fixtures.stream(streamWith("e2", "error@2"));

    assertThat(arrival.failure()).isNull();
    assertThat(arrival.events()).hasSize(3);
    assertThat(arrival.events().get(0)).startsWith("event: message_start\n");
    assertThat(arrival.events().get(2)).startsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"details\":null,\"type\":\"overloaded_error\"");
  }

  @Test
  void theRecordingsOwnFaultAppliesWithoutASuffix() throws Exception {
    var arrival = Fixtures.stream(post(server, "/v1/messages", Fixtures.requestBody("overloaded-stream", "r1", true)).build());

    assertThat(arrival.events()).hasSize(5);
    assertThat(arrival.events().get(4)).startsWith("event: error\n");
  }

  @Test
  void closeAfterNEventsDropsTheConnectionWithoutATerminatingChunk() throws Exception {
    var arrival = Fixtures.stream(post(server, "/v1/messages",
        Fixtures.requestBody("Go [[relay-tck:spaced-stream:c3:fault=close@3]]", true)).build());

    assertThat(arrival.events()).hasSize(3);
    assertThat(arrival.failure()).as("reading past the third event must fail: the stream was cut, not ended").isNotNull();
    assertThat(awaitStream("c3").outcome()).isEqualTo(StreamLog.CLOSED_BY_FAULT);
    assertThat(awaitStream("c3").eventsDelivered()).isEqualTo(3);
    // The server survives: the next request is served in full.
    assertThat(Fixtures.stream(post(server, "/v1/messages", Fixtures.requestBody("text-stream", "after-c3", true)).build()).events()).hasSize(EVENTS);
  }

  @Test
  void stallPausesAfterNEventsThenContinues() throws Exception {
    var arrival = Fixtures.stream(streamWith("t1", "stall@2=800"));

    assertThat(arrival.failure()).isNull();
    assertThat(arrival.events()).hasSize(EVENTS);
    long gap = arrival.eventMs().get(2) - arrival.eventMs().get(1);
    assertThat(gap).as("gap between events 2 and 3 (ms)").isGreaterThanOrEqualTo(700);
    assertThat(arrival.eventMs().get(1) - arrival.headersMs()).isLessThan(600);
  }

  @Test
  void dripSendsEveryEventInSlowSlices() throws Exception {
    long started = System.nanoTime();
    var arrival = Fixtures.stream(streamWith("d1", "drip=2"));
    long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

    byte[] all = Fixtures.concat(Fixtures.streamEvents());
    assertThat(arrival.bytes()).isEqualTo(all);
    // Slices of 16 bytes, 2 ms apart within each event: the stream cannot arrive in one go.
    long minimumMs = (all.length / PacedBody.DRIP_SLICE - EVENTS) * 2L;
    assertThat(tookMs).isGreaterThanOrEqualTo(minimumMs);
  }

  @Test
  void aMalformedFaultSuffixIsRefusedWithTheGrammar() throws Exception {
    var response = Fixtures.send(streamWith("m1", "explode@3"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response.body()).at("/error/message").asText())
        .contains("malformed fault 'explode@3'").contains("close@N");
  }

  @Test
  void faultGrammarRoundTrips() {
    for (String text : List.of("status=529", "error@3=api_error", "close@0", "stall@2=5000", "drip=20")) {
      assertThat(FaultSpec.format(FaultSpec.parse(text))).isEqualTo(text);
    }
    assertThatThrownBy(() -> FaultSpec.parse("status=200")).hasMessageContaining("400-599");
  }

  static StreamLog.Entry awaitStream(String nonce) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var entries = server.streams().forNonce(nonce);
      if (!entries.isEmpty()) {
        return entries.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no stream log entry for nonce " + nonce);
  }
}
