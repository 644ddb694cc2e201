package dev.relaytck.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.AuthStyle;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.TargetConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Live requests: valid for the model they name, errors by real causes, and what cannot be provoked. */
class LiveRequestsTests {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ScenarioCatalog CATALOG = ScenarioCatalog.forRun(Recordings.bundled());
  static final TargetConfig LIVE = TargetConfig.load(k -> Optional.ofNullable(Map.of(
      TargetConfig.BASE_URL, "http://127.0.0.1:1", TargetConfig.API_KEY, "fake-key", TargetConfig.MODEL, "claude-test-model").get(k)), Map.of());

  static Scenario scenario(String id) {
    return CATALOG.byId(id).orElseThrow();
  }

  static ExchangeRequest shaped(String id, int limit) {
    Scenario s = scenario(id);
    return LiveRequests.shape(s, ScenarioRequests.build(s, LIVE, s.freshMarker()), LIVE, OptionalInt.of(limit));
  }

  static JsonNode body(ExchangeRequest r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void maxTokensAndTheThinkingBudgetStayWithinTheModelsLimit() throws Exception {
    // The recording asks 128000, above what the named model accepts: the official 400 would fail a faithful relay.
    JsonNode refusal = body(shaped("refusal-stream", 64_000));
    assertThat(refusal.path("max_tokens").asInt()).isEqualTo(64_000);
    assertThat(refusal.path("model").asText()).isEqualTo("claude-test-model");
    ObjectNode thinking = JSON.createObjectNode().put("max_tokens", 64_000);
    thinking.putObject("thinking").put("type", "enabled").put("budget_tokens", 10_000);
    LiveRequests.withinLimit(thinking, 4_096);
    assertThat(thinking.path("max_tokens").asInt()).isEqualTo(4_096);
    assertThat(thinking.path("thinking").path("budget_tokens").asInt()).isEqualTo(2_048).isLessThan(4_096);
    ObjectNode tight = JSON.createObjectNode().put("max_tokens", 1_024);
    tight.putObject("thinking").put("type", "enabled").put("budget_tokens", 1_024);
    LiveRequests.withinLimit(tight, 64_000);
    assertThat(tight.path("thinking").path("budget_tokens").asInt()).isEqualTo(1_024);
    assertThat(tight.path("max_tokens").asInt()).isGreaterThan(1_024);
  }

  @Test
  void errorScenariosProvokeTheirErrorByARealCause() throws Exception {
    assertThat(body(shaped("error-400", 64_000)).has("max_tokens")).as("400: a required field missing").isFalse();
    assertThat(body(shaped("error-404", 64_000)).path("model").asText()).isEqualTo(LiveRequests.UNKNOWN_MODEL);
    ExchangeRequest big = shaped("error-413", 64_000);
    assertThat(big.body().length).isGreaterThan(32 * 1024 * 1024);
    for (JsonNode block : body(big).path("messages").get(0).path("content")) {
      assertThat(block.path("text").asText("").length()).as("each string below parsers' limits").isLessThan(2 * 1024 * 1024);
    }
    ExchangeRequest wrongKey = shaped("error-401", 64_000);
    assertThat(wrongKey.credential().style()).isEqualTo(AuthStyle.API_KEY);
    assertThat(wrongKey.credential().secret()).isSameAs(LiveRequests.INVALID_CREDENTIAL);
    // An ordinary scenario keeps the target's credential and its max_tokens.
    ExchangeRequest text = shaped("text-json", 64_000);
    assertThat(text.credential().style()).isNull();
    assertThat(body(text).path("max_tokens").asInt()).isEqualTo(64_000);
  }

  @Test
  void errorsOnlyTheUpstreamsStateCausesAreNotProvokableLive() {
    for (String id : List.of("error-429", "error-500", "error-529", "error-mid-stream")) {
      assertThat(LiveRequests.notProvokable(scenario(id))).as(id).hasValueSatisfying(r -> assertThat(r).startsWith("cannot be provoked live"));
    }
    for (String id : List.of("error-400", "error-401", "error-404", "error-413", "text-stream")) {
      assertThat(LiveRequests.notProvokable(scenario(id))).as(id).isEmpty();
    }
  }

  @Test
  void usageAgreementAndBurstBoundsSayWhatTheyAllow() {
    assertThat(TokenAgreement.inputAgrees(103, 100)).isTrue();
    assertThat(TokenAgreement.inputAgrees(112, 100)).as("an injected system prompt of a dozen tokens").isFalse();
    assertThat(TokenAgreement.inputAgrees(1_049, 1_000)).isTrue();
    assertThat(TokenAgreement.outputCeiling(50)).isEqualTo(70);
    JsonNode sent = JSON.createObjectNode().put("model", "m").put("max_tokens", 5).put("stream", true).put("system", "s");
    assertThat(TokenAgreement.countRequestFor(sent).fieldNames()).toIterable().containsExactlyInAnyOrder("model", "system");
    List<Long> burst = new java.util.ArrayList<>();
    List<Long> paced = new java.util.ArrayList<>();
    for (long i = 0; i < 30; i++) {
      burst.add(i * 100_000L); // 0.1 ms apart
      paced.add(i * 10_000_000L); // 10 ms apart
    }
    assertThat(StreamBurst.of(burst, 300).buffered()).isTrue();
    assertThat(StreamBurst.of(paced, 300).buffered()).isFalse();
    assertThat(StreamBurst.of(burst, 50).judgeable()).as("too short to judge").isFalse();
  }
}
