package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CodingSessionScriptTests {

  private final ObjectMapper json = new ObjectMapper();
  private final Path file = Path.of("/tmp/relay-tck-session/project/src/Greeting.java");
  private final CodingSessionScript script = new CodingSessionScript(json, file, "world", "relay");

  /** Every committed capture: one folder per pinned Claude Code version, one below it per mode. */
  private List<Path> captures() throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getResource("/relay-tck/claude-code").toURI());
    try (Stream<Path> sessions = Files.find(root, 3, (p, a) -> p.getFileName().toString().equals("session.json"))) {
      return sessions.map(Path::getParent).toList();
    }
  }

  @Test
  void theCapturedRequestsOfTheRealCliAreRecognisedAsTheTurnsTheyWere() throws Exception {
    List<Path> captures = captures();
    assertThat(captures).extracting(p -> p.getFileName().toString()).contains("print", "interactive");
    for (Path capture : captures) {
      JsonNode session = json.readTree(capture.resolve("session.json").toFile());
      List<String> kinds = new ArrayList<>();
      for (JsonNode entry : session.path("requests")) {
        JsonNode request = json.readTree(capture.resolve(entry.path("file").asText()).toFile());
        if (request.path("path").asText().equals("/v1/messages")) {
          assertThat(script.classify(request.path("body")).name()).as(entry.path("file").asText())
              .isEqualTo(entry.path("kind").asText());
          kinds.add(entry.path("kind").asText());
        }
      }
      assertThat(kinds).as(capture.toString()).containsSubsequence("MAIN_READ", "MAIN_EDIT", "MAIN_FINAL");
    }
  }

  @Test
  void backgroundCallsAreTheUnstreamedOrToollessOnes() throws Exception {
    JsonNode quota = json.readTree("{\"model\":\"small\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"quota\"}]}");
    assertThat(script.classify(quota)).isEqualTo(CodingSessionScript.Kind.BACKGROUND);
    CodingSessionScript.Reply reply = script.reply(quota, 1);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(json.readTree(reply.body()).path("model").asText()).isEqualTo("small");

    JsonNode title = json.readTree("{\"model\":\"small\",\"stream\":true,\"tools\":[],\"messages\":[{\"role\":\"user\",\"content\":\"t\"}]}");
    assertThat(script.classify(title)).isEqualTo(CodingSessionScript.Kind.BACKGROUND);
    assertThat(script.reply(title, 2).contentType()).startsWith("text/event-stream");
  }

  @Test
  void theLastUserMessageDecidesEvenWhenASystemMessageFollowsIt() throws Exception {
    ObjectNode request = mainLoop("""
        [{"role":"user","content":"go"},
         {"role":"assistant","content":[{"type":"tool_use","id":"%s","name":"Read","input":{}}]},
         {"role":"user","content":[{"type":"tool_result","tool_use_id":"%s","content":"x"}]},
         {"role":"system","content":"environment"}]
        """.formatted(CodingSessionScript.READ_ID, CodingSessionScript.READ_ID));
    assertThat(script.classify(request)).isEqualTo(CodingSessionScript.Kind.MAIN_EDIT);

    ObjectNode compaction = mainLoop("""
        [{"role":"user","content":"go"},
         {"role":"user","content":[{"type":"tool_result","tool_use_id":"%s","content":"x"},
                                   {"type":"text","text":"summarise the conversation"}]}]
        """.formatted(CodingSessionScript.EDIT_ID));
    assertThat(script.classify(compaction)).isEqualTo(CodingSessionScript.Kind.MAIN_UNEXPECTED);

    ObjectNode stray = mainLoop("[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_other\",\"content\":\"x\"}]}]");
    assertThat(script.classify(stray)).isEqualTo(CodingSessionScript.Kind.MAIN_UNEXPECTED);
  }

  @Test
  void theServerRecordsEachRequestAndStreamsToolInputThatReassemblesToTheScriptedCall() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (ClaudeCodeCaptureServer server = new ClaudeCodeCaptureServer(json, script)) {
      ObjectNode first = mainLoop("[{\"role\":\"user\",\"content\":\"change the greeting\"}]");
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages?beta=true"))
          .timeout(Duration.ofSeconds(10)).header("x-app", "cli").header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(first.toString())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));

      List<String> types = new ArrayList<>();
      StringBuilder partial = new StringBuilder();
      for (String line : response.body().split("\n")) {
        if (line.startsWith("data: ")) {
          JsonNode data = json.readTree(line.substring(6));
          types.add(data.path("type").asText());
          if (data.path("delta").path("type").asText().equals("input_json_delta")) {
            partial.append(data.path("delta").path("partial_json").asText());
          }
        }
      }
      assertThat(types.get(0)).isEqualTo("message_start");
      assertThat(types.get(types.size() - 1)).isEqualTo("message_stop");
      assertThat(types.stream().filter("input_json_delta"::equals)).isEmpty();
      assertThat(json.readTree(partial.toString()).path("file_path").asText()).isEqualTo(file.toString());
      assertThat(response.body()).contains("\"stop_reason\":\"tool_use\"", "\"id\":\"" + CodingSessionScript.READ_ID + "\"");

      HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/hello"))
          .timeout(Duration.ofSeconds(10)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(head.statusCode()).isEqualTo(200);
      HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/files"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(json.readTree(unknown.body()).path("error").path("type").asText()).isEqualTo("not_found_error");

      List<ClaudeCodeCaptureServer.Exchange> exchanges = server.exchanges();
      assertThat(exchanges).hasSize(3);
      assertThat(exchanges.get(0).kind()).isEqualTo(CodingSessionScript.Kind.MAIN_READ);
      assertThat(exchanges.get(0).request().query()).isEqualTo("beta=true");
      assertThat(exchanges.get(0).request().headers()).containsKey("X-app");
      assertThat(exchanges.get(0).request().body()).isEqualTo(first);
      assertThat(exchanges.get(1).request().method()).isEqualTo("HEAD");
      assertThat(exchanges.get(1).kind()).isEqualTo(CodingSessionScript.Kind.PROBE);
      assertThat(exchanges.get(2).kind()).isEqualTo(CodingSessionScript.Kind.NOT_FOUND);
    }
  }

  private ObjectNode mainLoop(String messages) throws IOException {
    ObjectNode request = json.createObjectNode().put("model", "any").put("stream", true);
    request.putArray("tools").add(json.createObjectNode().put("name", "Read")).add(json.createObjectNode().put("name", "Edit"));
    request.set("messages", json.readTree(messages));
    return request;
  }
}
