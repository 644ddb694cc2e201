package dev.relaytck.recordings.replay;

import static dev.relaytck.recordings.replay.Fixtures.JSON;
import static dev.relaytck.recordings.replay.Fixtures.post;
import static dev.relaytck.recordings.replay.Fixtures.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.recordings.record.CodingSessionScript;
import dev.relaytck.recordings.record.ScriptedSessionPrompt;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replay upstream answers the Claude Code CLI's own requests (no marker) with the scripted
 * session, learning the sample file from the prompt, and rejects context_management without its
 * beta as the API does; the Claude Code scenarios are served by marker like any recording.
 */
class ScriptedSessionReplayTests {
  private static final Path FILE = Path.of("/tmp/relay-tck-cc-x/project/src/Greeting.java");
  private static ReplayServer server;

  @BeforeAll
  static void start() {
    server = ReplayServer.start(ReplayOptions.of(ClaudeCodeRecordings.all()).withTimeScale(0.01));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The first main-loop request, as the CLI sends it (captured shape), with the session's prompt. */
  private static ObjectNode firstTurn() {
    ObjectNode body = ClaudeCodeRecordings.all().get(0).request().body().deepCopy();
    ((ObjectNode) body.path("messages").get(0).path("content").get(1)).put("text", ScriptedSessionPrompt.prompt(FILE));
    return body;
  }

  private static HttpRequest.Builder withBetas(ObjectNode body, String betas) {
    return post(server, "/v1/messages?beta=true", body).header("anthropic-beta", betas);
  }

  @Test
  void theFirstTurnReadsTheFileThePromptNames() throws Exception {
    var response = send(withBetas(firstTurn(), "claude-code-20250219,context-management-2025-06-27").build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    assertThat(response.body()).contains(CodingSessionScript.READ_ID).contains("input_json_delta")
        .contains("\"name\":\"Read\"").contains("message_stop");
    StringBuilder input = new StringBuilder();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: ") && line.contains("input_json_delta")) {
        input.append(JSON.readTree(line.substring(6)).at("/delta/partial_json").asText());
      }
    }
    assertThat(JSON.readTree(input.toString()).path("file_path").asText()).isEqualTo(FILE.toString());
  }

  @Test
  void contextManagementWithoutItsBetaIsRejectedLikeTheApiDoes() throws Exception {
    var response = send(withBetas(firstTurn(), "claude-code-20250219,interleaved-thinking-2025-05-14").build());

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.at("/error/message").asText()).isEqualTo("context_management: Extra inputs are not permitted");
  }

  @Test
  void aRequestWithoutMarkerOutsideTheSessionIsA404SayingWhy() throws Exception {
    var response = send(withBetas(ClaudeCodeRecordings.all().get(0).request().body().deepCopy(), "claude-code-20250219").build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).at("/error/message").asText())
        .contains("no scenario marker").contains("not the scripted Claude Code session");
  }

  @Test
  void headIsAnswered() throws Exception {
    var response = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/hello"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Fixtures.TIMEOUT).build());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void theClaudeCodeScenariosAreServedByMarker() throws Exception {
    ObjectNode body = ClaudeCodeRecordings.all().stream().filter(r -> r.scenario().equals("cc-prompt-too-long")).findFirst()
        .orElseThrow().request().body().deepCopy();
    ObjectNode text = (ObjectNode) body.path("messages").get(0).path("content").get(1);
    text.put("text", text.path("text").asText() + " [[relay-tck:cc-prompt-too-long:n1]]");
    var response = send(post(server, "/v1/messages?beta=true", body).build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).at("/error/message").asText()).isEqualTo(ClaudeCodeRecordings.PROMPT_TOO_LONG);
  }
}
