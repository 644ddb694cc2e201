package dev.relaytck.recordings.replay;

import static dev.relaytck.recordings.replay.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The journal and admin API show what the relay forwarded and how each stream ended. */
class ReplayJournalTests {
  static ReplayServer server;

  @BeforeAll
  static void start() {
    // 200 ms between events: a client can leave mid-stream.
    server = ReplayServer.start(ReplayOptions.of(List.of(Fixtures.textStream("slow-stream", 0, 4000, null),
        Fixtures.textMessage("text-message"))).withTimeScale(1));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode admin(String path) throws Exception {
    var response = Fixtures.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/relay-tck/" + path)).build());
    assertThat(response.statusCode()).isEqualTo(200);
    return Fixtures.JSON.readTree(response.body());
  }

  @Test
  void theJournalShowsExactlyWhatWasForwarded() throws Exception {
    var body = Fixtures.requestBody("text-message", "j1", false);
    var request = post(server, "/v1/messages?beta=true", body).header("X-Relay-Trace", "abc").header("anthropic-beta", "tools-2024").build();
    assertThat(Fixtures.send(request).statusCode()).isEqualTo(200);

    JsonNode journal = admin("journal/j1");
    assertThat(journal.path("requests")).hasSize(1);
    JsonNode forwarded = journal.path("requests").get(0);
    assertThat(forwarded.path("method").asText()).isEqualTo("POST");
    assertThat(forwarded.path("url").asText()).isEqualTo("/v1/messages?beta=true");
    assertThat(forwarded.path("scenario").asText()).isEqualTo("text-message");
    assertThat(forwarded.at("/headers/x-relay-trace/0").asText()).isEqualTo("abc");
    assertThat(forwarded.at("/headers/anthropic-beta/0").asText()).isEqualTo("tools-2024");
    // The credential is fingerprinted, never shown: a relay may forward a real key.
    assertThat(forwarded.at("/headers/x-api-key/0").asText())
        .isEqualTo(ReplayAdminApi.fingerprint("sk-test-not-a-real-key")).startsWith("<redacted len=22 sha256=");
    assertThat(admin("journal/j1").toString()).doesNotContain("sk-test-not-a-real-key");
    assertThat(Fixtures.JSON.readTree(forwarded.path("body").asText())).isEqualTo(body);
    // Header names as received (the JDK client sends them in lower case); WireMock's own journal has it too.
    assertThat(server.wireMock().getAllServeEvents()).anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains(":j1]]"));
  }

  @Test
  void theJournalKeepsTheNewestEntriesUpToItsCapacity() throws Exception {
    try (ReplayServer small = ReplayServer.start(ReplayOptions.of(List.of(Fixtures.textMessage("text-message")))
        .withTimeScale(0).withJournalEntries(3))) {
      for (int i = 0; i < 5; i++) {
        assertThat(Fixtures.send(post(small, "/v1/messages", Fixtures.requestBody("text-message", "cap" + i, false)).build())
            .statusCode()).isEqualTo(200);
      }
      var events = small.wireMock().getAllServeEvents();
      assertThat(events).hasSize(3);
      assertThat(events.get(0).getRequest().getBodyAsString()).contains(":cap4]]");
      assertThat(events.get(2).getRequest().getBodyAsString()).contains(":cap2]]");
    }
  }

  @Test
  void infoTellsWhichRecordingsAndTimeScaleAreServed() throws Exception {
    JsonNode info = admin("info");

    assertThat(info.path("timeScale").asDouble()).isEqualTo(1.0);
    assertThat(info.path("recordings").findValuesAsText("scenario")).containsExactly("slow-stream", "text-message");
    JsonNode stream = info.path("recordings").get(0);
    assertThat(stream.path("streaming").asBoolean()).isTrue();
    assertThat(stream.path("events").asInt()).isEqualTo(Fixtures.streamEvents().size());
    assertThat(stream.path("features").findValuesAsText("")).isEmpty();
    assertThat(stream.path("features").toString()).contains("stream");
    assertThat(stream.path("matchedBy").asText()).isEqualTo("marker");
  }

  @Test
  void aClientThatLeavesMidStreamIsNotedAndTheServerCarriesOn() throws Exception {
    var request = post(server, "/v1/messages", Fixtures.requestBody("slow-stream", "gone1", true)).build();
    HttpResponse<InputStream> response = Fixtures.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      byte[] first = new byte[64];
      assertThat(in.read(first)).isPositive();
    }
    // Closing the body stream early makes the JDK client drop the connection.

    StreamLog.Entry entry = null;
    for (int i = 0; i < 200 && entry == null; i++) {
      entry = server.streams().forNonce("gone1").stream().findFirst().orElse(null);
      Thread.sleep(50);
    }
    assertThat(entry).as("stream log entry for the abandoned stream").isNotNull();
    assertThat(entry.outcome()).isEqualTo(StreamLog.CLIENT_DISCONNECTED);
    assertThat(entry.scenario()).isEqualTo("slow-stream");
    assertThat(entry.eventsDelivered()).as(entry.toString()).isBetween(1, entry.eventsTotal() - 1);

    JsonNode journal = admin("journal/gone1");
    assertThat(journal.path("streams").get(0).path("outcome").asText()).isEqualTo("client-disconnected");
    assertThat(Fixtures.send(post(server, "/v1/messages", Fixtures.requestBody("text-message", "after", false)).build()).statusCode())
        .isEqualTo(200);
  }
}
