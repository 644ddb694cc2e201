package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.recordings.format.Recording;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Claude Code scenarios keep the captured shape, name the kit, carry no credential, and say they are derived. */
class ClaudeCodeRecordingsTests {
  private final Map<String, Recording> byId =
      ClaudeCodeRecordings.all().stream().collect(Collectors.toMap(Recording::scenario, Function.identity()));

  @Test
  void everyScenarioIsDerivedFromTheCapturesAndIdentifiesTheKit() {
    assertThat(byId).containsOnlyKeys("cc-print-read", "cc-print-edit", "cc-print-final", "cc-interactive-read",
        "cc-thinking-enabled", "cc-count-tokens", "cc-background", "cc-prompt-too-long");
    byId.values().forEach(r -> {
      assertThat(r.features()).contains(ClaudeCodeRecordings.FEATURE);
      assertThat(r.provenance().kind()).isEqualTo("derived");
      assertThat(r.provenance().derivedFrom()).contains("Claude Code 2.1.330 capture");
      assertThat(r.request().headers()).doesNotContainKeys("authorization", "x-api-key", "host", "accept-encoding");
      assertThat(r.request().headers().get("user-agent")).containsExactly("relay-tck (claude-cli-shape/2.1.330)");
    });
  }

  @Test
  void exactlyTheFirstPrintModeRequestStartsASession() {
    assertThat(byId.values().stream().filter(r -> r.features().contains(ClaudeCodeRecordings.SESSION_START)).map(Recording::scenario))
        .as("the scenario the profile's once-per-run probes ride on").containsExactly("cc-print-read");
  }

  @Test
  void theMainLoopRequestKeepsEveryCapturedField() {
    Recording r = byId.get("cc-print-read");
    assertThat(r.request().path()).isEqualTo("/v1/messages");
    assertThat(r.request().query()).isEqualTo("beta=true");
    assertThat(r.request().headers()).containsKeys("anthropic-beta", "anthropic-version", "x-app", "x-claude-code-session-id",
        "x-stainless-package-version", "x-stainless-runtime");
    assertThat(r.request().headers().get("anthropic-beta").get(0).split(",")).hasSize(8);
    var body = r.request().body();
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("system").get(0).path("text").asText()).startsWith("x-anthropic-billing-header: cc_version=2.1.330");
    assertThat(body.path("system").get(1).has("cache_control")).isTrue();
    assertThat(body.path("thinking").path("type").asText()).isEqualTo("adaptive");
    assertThat(body.has("context_management")).isTrue();
    assertThat(body.has("output_config")).isTrue();
    assertThat(body.path("metadata").path("user_id").isTextual()).isTrue();
    assertThat(body.path("metadata").path("user_id").asText()).startsWith("{\"device_id\":");
    assertThat(body.path("messages").get(0).path("content").get(0).path("text").asText()).startsWith("<system-reminder>");
    assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("system");
    assertThat(r.response().events()).hasSizeGreaterThan(10);
  }

  @Test
  void theVariantsHaveTheirShapes() {
    assertThat(byId.get("cc-thinking-enabled").request().body().path("thinking").path("type").asText()).isEqualTo("enabled");
    assertThat(byId.get("cc-interactive-read").request().body().has("safeguards")).isTrue();
    assertThat(byId.get("cc-count-tokens").request().path()).isEqualTo("/v1/messages/count_tokens");
    Recording background = byId.get("cc-background");
    assertThat(background.streaming()).isFalse();
    assertThat(background.request().body().path("model").asText()).isEqualTo(ClaudeCodeRecordings.BACKGROUND_MODEL);
    assertThat(byId.get("cc-prompt-too-long").response().status()).isEqualTo(400);
    assertThat(List.of(byId.get("cc-prompt-too-long").request().body().path("stream").asBoolean())).containsExactly(true);
  }
}
