package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureSanitiserTests {

  private final ObjectMapper json = new ObjectMapper();
  private final CaptureSanitiser sanitiser = new CaptureSanitiser(json, Map.of("/tmp/relay-tck-capture-1a2b3c4d", "/tmp/relay-tck-session"));

  private static final String SESSION = "93ed4fbc-b8e2-4a45-bbcb-705fd60071fa";
  private static final String DEVICE = "643874cee356ebd42fec3184e699cee95d9086ca54ae6e4ced57a2bcc1562f08";

  private RecordedRequest captured() throws Exception {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Authorization", List.of("Bearer sk-secret-token"));
    headers.put("X-api-key", List.of("sk-ant-secret"));
    headers.put("X-claude-code-session-id", List.of(SESSION));
    headers.put("Anthropic-beta", List.of("claude-code-20250219,effort-2025-11-24"));
    headers.put("User-agent", List.of("claude-cli/2.1.330 (external, sdk-cli)"));
    headers.put("Content-length", List.of("49212"));
    headers.put("Host", List.of("127.0.0.1:18431"));
    String body = """
        {"model":"m","stream":true,
         "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.330.572; cc_entrypoint=sdk-cli;"},
                   {"type":"text","text":"Secret prompt line one\\nline two","cache_control":{"type":"ephemeral"}}],
         "tools":[{"name":"Agent","description":"Proprietary tool prose",
                   "input_schema":{"type":"object","properties":{
                     "description":{"type":"string","description":"Proprietary field prose"},
                     "model":{"type":"string","enum":["sonnet","haiku"]}}}}],
         "messages":[
           {"role":"user","content":[{"type":"text","text":"<system-reminder>\\nProprietary reminder\\n</system-reminder>\\n"},
                                     {"type":"text","text":"Fix the bug"}]},
           {"role":"system","content":"Working directory: /tmp/relay-tck-capture-1a2b3c4d/project"},
           {"role":"assistant","content":[{"type":"text","text":"I will read it."},
              {"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/tmp/relay-tck-capture-1a2b3c4d/project/a.txt"}}]},
           {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"file body\\n","cache_control":{"type":"ephemeral"}}]}],
         "metadata":{"user_id":"{\\"device_id\\":\\"%s\\",\\"account_uuid\\":\\"\\",\\"session_id\\":\\"%s\\"}"}}
        """.formatted(DEVICE, SESSION);
    return new RecordedRequest("POST", "/v1/messages", "beta=true", headers, json.readTree(body));
  }

  @Test
  void secretsAndPerMachineIdsAreReplacedAndHeaderNamesLowerCased() throws Exception {
    RecordedRequest clean = sanitiser.sanitise(captured());

    assertThat(clean.headers()).containsEntry("authorization", List.of("Bearer <redacted>"))
        .containsEntry("x-api-key", List.of("<redacted>"))
        .containsEntry("x-claude-code-session-id", List.of(CaptureSanitiser.SESSION_ID))
        .containsEntry("anthropic-beta", List.of("claude-code-20250219,effort-2025-11-24"))
        .containsEntry("user-agent", List.of("claude-cli/2.1.330 (external, sdk-cli)"))
        .containsEntry("host", List.of("127.0.0.1"))
        .doesNotContainKey("content-length");
    String userId = clean.body().path("metadata").path("user_id").asText();
    assertThat(json.readTree(userId).path("device_id").asText()).isEqualTo(CaptureSanitiser.DEVICE_ID);
    assertThat(json.readTree(userId).path("session_id").asText()).isEqualTo(CaptureSanitiser.SESSION_ID);
    assertThat(json.readTree(userId).path("account_uuid").asText()).isEmpty();
    String all = json.writeValueAsString(clean);
    assertThat(all).doesNotContain("sk-secret-token", "sk-ant-secret", SESSION, DEVICE, "relay-tck-capture-1a2b3c4d");
  }

  @Test
  void proseIsReplacedBySameLengthNeutralTextWithStructureKept() throws Exception {
    RecordedRequest original = captured();
    JsonNode body = sanitiser.sanitise(original).body();
    JsonNode before = original.body();

    assertThat(body.path("system").get(0)).isEqualTo(before.path("system").get(0)); // attribution block verbatim
    String prompt = body.path("system").get(1).path("text").asText();
    assertThat(prompt).hasSameSizeAs("Secret prompt line one\nline two").doesNotContain("Secret")
        .contains("\n").startsWith("Neutral");
    assertThat(prompt.indexOf('\n')).isEqualTo("Secret prompt line one".length());
    assertThat(body.path("system").get(1).path("cache_control")).isEqualTo(before.path("system").get(1).path("cache_control"));

    JsonNode tool = body.path("tools").get(0);
    assertThat(tool.path("name").asText()).isEqualTo("Agent");
    assertThat(tool.path("description").asText()).hasSameSizeAs("Proprietary tool prose").doesNotContain("Proprietary");
    JsonNode properties = tool.path("input_schema").path("properties");
    assertThat(properties.path("description").path("type").asText()).isEqualTo("string"); // a property named description stays
    assertThat(properties.path("description").path("description").asText()).doesNotContain("Proprietary");
    assertThat(properties.path("model").path("enum")).isEqualTo(before.path("tools").get(0).path("input_schema")
        .path("properties").path("model").path("enum"));

    JsonNode first = body.path("messages").get(0).path("content");
    assertThat(first.get(0).path("text").asText()).startsWith("<system-reminder>\n").endsWith("\n</system-reminder>\n")
        .doesNotContain("Proprietary").hasSameSizeAs(before.path("messages").get(0).path("content").get(0).path("text").asText());
    assertThat(first.get(1).path("text").asText()).hasSize("Fix the bug".length()).isNotEqualTo("Fix the bug");
    assertThat(body.path("messages").get(1).path("content").asText()).doesNotContain("Working directory");

    JsonNode assistant = body.path("messages").get(2).path("content");
    assertThat(assistant.get(0).path("text").asText()).isEqualTo("I will read it.");
    assertThat(assistant.get(1).path("input").path("file_path").asText()).isEqualTo("/tmp/relay-tck-session/project/a.txt");

    JsonNode result = body.path("messages").get(3).path("content").get(0);
    assertThat(result.path("content").asText()).hasSize("file body\n".length()).doesNotContain("file body");
    assertThat(result.path("cache_control").path("type").asText()).isEqualTo("ephemeral");
    assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_1");
  }

  @Test
  void legacyUserIdFormKeepsItsShape() {
    String legacy = "user_" + DEVICE + "_account__session_" + SESSION;
    assertThat(sanitiser.sanitiseUserId(legacy))
        .isEqualTo("user_" + CaptureSanitiser.DEVICE_ID + "_account__session_" + CaptureSanitiser.SESSION_ID);
  }

  @Test
  void neutralTextKeepsLengthAndNewlinePositions() {
    String original = "ab\ncdé😀\n\nend";
    String neutral = sanitiser.neutral(original);
    assertThat(neutral).hasSameSizeAs(original);
    for (int i = 0; i < original.length(); i++) {
      assertThat(neutral.charAt(i) == '\n').as("newline at %d", i).isEqualTo(original.charAt(i) == '\n');
    }
  }
}
