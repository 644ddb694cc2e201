package dev.relaytck.recordings.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every bundled recording is served byte for byte for its own recorded request, marked. */
class BundledReplayTests {
  static ReplayServer server;
  static List<Recording> recordings;

  @BeforeAll
  static void start() {
    recordings = Recordings.bundled();
    server = ReplayServer.start(ReplayOptions.of(recordings).withTimeScale(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> eachRecordingAnswersItsOwnRequest() {
    return recordings.stream().map(r -> DynamicTest.dynamicTest(r.scenario(), () -> {
      ObjectNode body = marked(r.request().body(), r.scenario());
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + r.request().path()))
          .timeout(Fixtures.TIMEOUT).header("x-api-key", "k").header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
      HttpResponse<byte[]> response = Fixtures.HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(r.response().status());
      byte[] expected = r.streaming()
          ? Fixtures.concat(r.response().events().stream().map(RecordedEvent::bytes).toList())
          : r.response().body();
      assertThat(response.body()).isEqualTo(expected);
      assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }));
  }

  /** The recorded request with the scenario marker appended to its last user message. */
  static ObjectNode marked(JsonNode recorded, String scenario) {
    ObjectNode body = recorded.deepCopy();
    ArrayNode messages = (ArrayNode) body.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      ObjectNode message = (ObjectNode) messages.get(i);
      if (!"user".equals(message.path("role").asText())) {
        continue;
      }
      String marker = " [[relay-tck:" + scenario + ":bundled]]";
      if (message.path("content").isTextual()) {
        message.put("content", message.path("content").asText() + marker);
      } else {
        ((ArrayNode) message.path("content")).addObject().put("type", "text").put("text", marker);
      }
      break;
    }
    return body;
  }
}
