package dev.relaytck.recordings.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The recordings shipped in the jar: complete, attributed, secret-free, and covering the catalog's needs. */
class BundledRecordingsTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern API_KEY = Pattern.compile("sk-ant-(api|oat|admin)\\d\\d-");

  private final Map<String, Recording> bundled =
      Recordings.bundled().stream().collect(Collectors.toMap(Recording::scenario, Function.identity()));

  @Test
  void coverTheRequiredScenarios() {
    assertThat(bundled).containsKeys(
        "text-stream", "text-json", "system-prompt", "multi-turn", "stop-sequence-stream", "max-tokens-json",
        "tool-use-stream", "tool-use-parallel", "tool-result", "tool-choice-tool", "thinking-stream",
        "redacted-thinking-stream", "web-search-stream", "citations-json", "image-input", "pdf-input",
        "cache-write", "cache-read", "count-tokens", "refusal-stream",
        "error-400", "error-401", "error-404", "error-429", "error-529", "error-500", "error-413", "error-mid-stream");
  }

  @Test
  void responsesShowTheFeaturesTheyClaim() throws IOException {
    assertThat(text("text-stream")).contains("event: ping").contains("text_delta");
    assertThat(text("tool-use-stream")).contains("input_json_delta");
    assertThat(JSON.readTree(body("tool-use-parallel")).path("content").findValues("type").stream()
        .filter(t -> t.asText().equals("tool_use")).count()).isGreaterThanOrEqualTo(2);
    assertThat(bundled.get("tool-result").request().body().toString()).contains("\"tool_result\"");
    assertThat(bundled.get("tool-choice-tool").request().body().path("tool_choice").path("type").asText()).isEqualTo("tool");
    assertThat(text("thinking-stream")).contains("thinking_delta").contains("signature_delta");
    assertThat(text("redacted-thinking-stream")).contains("redacted_thinking");
    assertThat(text("web-search-stream")).contains("server_tool_use").contains("web_search_tool_result");
    assertThat(text("stop-sequence-stream")).contains("\"stop_reason\":\"stop_sequence\"");
    assertThat(JSON.readTree(body("max-tokens-json")).path("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(text("refusal-stream")).contains("\"stop_reason\":\"refusal\"");
    assertThat(JSON.readTree(body("cache-write")).path("usage").path("cache_creation_input_tokens").asInt()).isPositive();
    assertThat(JSON.readTree(body("cache-read")).path("usage").path("cache_read_input_tokens").asInt()).isPositive();
    assertThat(bundled.get("count-tokens").request().path()).isEqualTo("/v1/messages/count_tokens");
    assertThat(bundled.get("image-input").request().body().toString()).contains("\"image\"");
    assertThat(bundled.get("pdf-input").request().body().toString()).contains("\"document\"").contains("application/pdf");
    assertThat(bundled.get("system-prompt").request().body().has("system")).isTrue();
    for (String scenario : List.of("error-400", "error-401", "error-404", "error-429", "error-529", "error-500")) {
      JsonNode error = JSON.readTree(body(scenario));
      assertThat(error.path("type").asText()).as(scenario).isEqualTo("error");
      assertThat(bundled.get(scenario).response().status()).as(scenario).isEqualTo(Integer.parseInt(scenario.substring(6)));
    }
    JsonNode tooLarge = JSON.readTree(body("error-413"));
    assertThat(tooLarge.has("type")).isFalse();
    assertThat(tooLarge.path("error").path("type").asText()).isEqualTo("request_too_large");
    List<RecordedEvent> midStream = bundled.get("error-mid-stream").response().events();
    assertThat(new String(midStream.get(midStream.size() - 1).bytes(), StandardCharsets.UTF_8))
        .startsWith("event: error\n").contains("\"details\":null").endsWith("}        }\n\n");
  }

  @Test
  void everyRecordingIsAttributedAndPaced() {
    for (Recording r : bundled.values()) {
      Provenance p = r.provenance();
      assertThat(p.kind()).as(r.scenario()).isIn("captured-live", "derived");
      if (p.kind().equals("captured-live")) {
        assertThat(p.repository()).as(r.scenario()).isNotBlank();
        assertThat(p.path()).as(r.scenario()).isNotBlank();
        assertThat(p.commit()).as(r.scenario()).matches("[0-9a-f]{40}");
        assertThat(p.license()).as(r.scenario()).isNotBlank();
      } else {
        assertThat(p.derivedFrom()).as(r.scenario()).contains("observed in");
      }
      assertThat(r.request().body()).as(r.scenario()).isNotNull();
      if (r.streaming()) {
        assertThat(p.timing()).as(r.scenario()).contains("default pacing");
        assertThat(r.response().events()).as(r.scenario()).isNotEmpty();
        assertThat(r.response().events().get(0).offsetMs()).isZero();
      }
    }
  }

  @Test
  void noSecretInAnyHeaderOrBody() {
    for (Recording r : bundled.values()) {
      for (Map<String, List<String>> headers : List.of(r.request().headers(), r.response().headers())) {
        assertThat(headers.keySet()).as(r.scenario()).noneMatch(SecretHeaders::isSecret);
      }
      String everything = r.request() + r.request().body().toString()
          + new String(r.streaming() ? SseBlocks.join(r.response().events()) : r.response().body(), StandardCharsets.UTF_8);
      assertThat(API_KEY.matcher(everything).find()).as(r.scenario()).isFalse();
    }
  }

  private byte[] body(String scenario) {
    return bundled.get(scenario).response().body();
  }

  private String text(String scenario) {
    return new String(SseBlocks.join(bundled.get(scenario).response().events()), StandardCharsets.UTF_8);
  }
}
