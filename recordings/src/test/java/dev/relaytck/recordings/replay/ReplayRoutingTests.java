package dev.relaytck.recordings.replay;

import static dev.relaytck.recordings.replay.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.recordings.format.Recording;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authentication, endpoints, near misses and content rules, like the official API where it has a rule. */
class ReplayRoutingTests {
  static ReplayServer server;

  @BeforeAll
  static void start() {
    Recording stream = Fixtures.textStream("text-stream", 0, 0, null);
    Recording message = Fixtures.textMessage("text-message");
    // A call the kit does not author (no marker): matched by content rules.
    Recording cli = new Recording("cc-title", "Claude Code's title request", List.of("claude-code"), message.model(),
        message.provenance(), new RecordedRequest("POST", "/v1/messages", null, Map.of(), null), message.response(), null);
    server = ReplayServer.start(ReplayOptions.of(List.of(stream, message, Fixtures.countTokens("count-tokens"), cli))
        .withTimeScale(0)
        .withContentRules(Map.of("cc-title", ContentRule.parseAll(json(
            "[{\"pointer\":\"/system/0/text\",\"contains\":\"Generate a title\"},{\"pointer\":\"/stream\",\"present\":false}]")))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(String s) {
    try {
      return Fixtures.JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder messages(String body) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages")).timeout(Fixtures.TIMEOUT)
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void aMissingCredentialIsRefusedLikeTheOfficialApi() throws Exception {
    String body = Fixtures.requestBody("text-message", "a1", false).toString();
    for (HttpRequest request : List.of(messages(body).build(), messages(body).header("x-api-key", "").build(),
        messages(body).header("Authorization", "Bearer ").build(), messages(body).header("Authorization", "Basic abc").build())) {
      var response = Fixtures.send(request);
      assertThat(response.statusCode()).isEqualTo(401);
      JsonNode error = json(response.body());
      assertThat(error.path("type").asText()).isEqualTo("error");
      assertThat(error.at("/error/type").asText()).isEqualTo("authentication_error");
      assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
    }
  }

  @Test
  void anyNonEmptyKeyOrBearerTokenIsAccepted() throws Exception {
    String body = Fixtures.requestBody("text-message", "a2", false).toString();
    assertThat(Fixtures.send(messages(body).header("x-api-key", "anything").build()).statusCode()).isEqualTo(200);
    assertThat(Fixtures.send(messages(body).header("authorization", "bearer token-from-oauth").build()).statusCode()).isEqualTo(200);
  }

  @Test
  void theKitsWrongCredentialProbeIsRefusedWithTheOfficial401() throws Exception {
    // Before: accepted, so a relay passing the client's key through answered AUTH-040's probe with 200.
    String body = Fixtures.requestBody("text-message", "a3", false).toString();
    String wrong = dev.relaytck.recordings.format.ProbeCredentials.WRONG;
    for (HttpRequest request : List.of(messages(body).header("x-api-key", wrong).build(),
        messages(body).header("Authorization", "Bearer " + wrong).build())) {
      var response = Fixtures.send(request);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("authentication_error");
      assertThat(json(response.body()).at("/error/message").asText()).isEqualTo("invalid x-api-key");
    }
  }

  @Test
  void withAcceptedKeysAnyOtherCredentialIsRefused() throws Exception {
    try (ReplayServer strict = ReplayServer.start(ReplayOptions.of(List.of(Fixtures.textMessage("text-message"))).withTimeScale(0),
        java.util.Set.of("k-one", "k-two"))) {
      String body = Fixtures.requestBody("text-message", "a4", false).toString();
      java.util.function.Function<String, HttpRequest.Builder> to = key -> HttpRequest.newBuilder(
              URI.create(strict.baseUrl() + "/v1/messages")).timeout(Fixtures.TIMEOUT)
          .header("content-type", "application/json").header("x-api-key", key).POST(HttpRequest.BodyPublishers.ofString(body));
      assertThat(Fixtures.send(to.apply("k-one").build()).statusCode()).isEqualTo(200);
      assertThat(Fixtures.send(to.apply("k-two").build()).statusCode()).isEqualTo(200);
      var refused = Fixtures.send(to.apply("k-three").build());
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("authentication_error");
    }
  }

  @Test
  void anUnknownScenarioNamesTheClosestRecording() throws Exception {
    var response = Fixtures.send(post(server, "/v1/messages", Fixtures.requestBody("text-strem", "n1", true)).build());

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = json(response.body());
    assertThat(error.at("/error/type").asText()).isEqualTo("not_found_error");
    assertThat(error.at("/error/message").asText())
        .isEqualTo("relay-tck: no recording matches this request; the closest is 'text-stream', which differs in: "
            + "scenario: recording is 'text-stream', marker says 'text-strem'");
  }

  @Test
  void aStreamFlagTheRelayChangedIsNamed() throws Exception {
    var response = Fixtures.send(post(server, "/v1/messages", Fixtures.requestBody("text-stream", "n2", false)).build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response.body()).at("/error/message").asText())
        .contains("closest is 'text-stream'").contains("stream: recording is a stream, request has stream=false");
  }

  @Test
  void aRequestWithoutMarkerOrMatchingRuleSaysSo() throws Exception {
    var response = Fixtures.send(post(server, "/v1/messages", Fixtures.requestBody("no marker here", false)).build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response.body()).at("/error/message").asText()).contains("no scenario marker");
  }

  @Test
  void aBodyThatIsNotJsonIsAnInvalidRequest() throws Exception {
    var response = Fixtures.send(messages("{\"model\": \"x\", \"messages\": [").header("x-api-key", "k").build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void contentRulesMatchACallTheKitDidNotAuthor() throws Exception {
    var body = Fixtures.requestBody("Summarize this conversation", false);
    body.putArray("system").addObject().put("type", "text").put("text", "Generate a title for this conversation");
    var response = Fixtures.send(post(server, "/v1/messages", body).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).path("type").asText()).isEqualTo("message");
  }

  @Test
  void anUnknownPathIsAnAnthropicNotFound() throws Exception {
    var response = Fixtures.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/complete"))
        .header("x-api-key", "k").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("not_found_error");
    assertThat(json(response.body()).at("/error/message").asText()).contains("POST /v1/complete");
  }

  @Test
  void modelsAreListedAndLookedUp() throws Exception {
    var list = Fixtures.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/models?limit=20")).header("x-api-key", "k").build());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list.body()).path("data").findValuesAsText("id")).containsExactly("claude-3-5-sonnet-20240620", Fixtures.MODEL);
    assertThat(json(list.body()).path("has_more").asBoolean(true)).isFalse();

    var one = Fixtures.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/models/" + Fixtures.MODEL)).header("x-api-key", "k").build());
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(json(one.body()).path("type").asText()).isEqualTo("model");

    var missing = Fixtures.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/models/claude-nope")).header("x-api-key", "k").build());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing.body()).at("/error/message").asText()).isEqualTo("model: claude-nope");
  }

  @Test
  void aClosedStreamEndsWithoutTheTerminatingChunk() throws Exception {
    // Raw HTTP/1.1, so the chunked framing itself is visible.
    String body = Fixtures.requestBody("Go [[relay-tck:text-stream:raw1:fault=close@2]]", true).toString();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[4096];
      int n;
      try {
        while ((n = in.read(buf)) >= 0) {
          received.write(buf, 0, n);
        }
      } catch (java.net.SocketException reset) {
        // A reset is also an abrupt close.
      }
      String text = received.toString(StandardCharsets.UTF_8);
      assertThat(text).startsWith("HTTP/1.1 200").contains("Transfer-Encoding: chunked").contains("event: content_block_start");
      assertThat(text).doesNotContain("event: ping").doesNotEndWith("0\r\n\r\n");
    }
  }

  @Test
  void aRecordingThatCannotBeServedIsRefusedAtStart() {
    Recording broken = new Recording(null, "t", List.of(), "m", null, null, Fixtures.textMessage("x").response(), null);
    assertThatThrownBy(() -> ReplayServer.start(ReplayOptions.of(List.of(broken))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("recording #1: no scenario id");
  }

  @Test
  void aPortInUseIsOneClearError() {
    assertThatThrownBy(() -> ReplayServer.start(ReplayOptions.of(List.of()).withPort(server.port())))
        .isInstanceOf(ReplayStartException.class).hasMessageStartingWith("cannot listen on 127.0.0.1:" + server.port());
  }
}
