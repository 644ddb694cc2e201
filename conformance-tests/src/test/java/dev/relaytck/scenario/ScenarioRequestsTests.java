package dev.relaytck.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.relay.TestRecordings;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.NeutralClient;
import dev.relaytck.target.TargetConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioRequestsTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TargetConfig config(Map<String, String> p) {
    return TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
  }

  @Test
  void theMarkerIsAppendedToTheLastUserTextAndTheModelOverridden() throws Exception {
    ScenarioCatalog catalog = ScenarioCatalog.of(TestRecordings.all());
    Scenario text = catalog.byId("text").orElseThrow();
    Marker m = new Marker("text", "abc123", null);
    ExchangeRequest r = ScenarioRequests.build(text, config(Map.of(TargetConfig.BASE_URL, "http://h", TargetConfig.REPLAY_URL, "http://up",
        TargetConfig.MODEL, "claude-other")), m);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("model").asText()).isEqualTo("claude-other");
    assertThat(body.at("/messages/0/content").asText()).endsWith("\n\n[[relay-tck:text:abc123]]");
    assertThat(r.pathAndQuery()).isEqualTo("/v1/messages?beta=true");
    assertThat(r.headers()).containsEntry("anthropic-beta", "fine-grained-tool-streaming-2025-05-14,interleaved-thinking-2025-05-14")
        .containsEntry("accept-encoding", "gzip").doesNotContainKey("x-api-key");
    assertThat(ScenarioRequests.markerOf(body)).contains(m);

    Scenario blocks = catalog.byId("stop-sequence").orElseThrow();
    JsonNode b2 = JSON.readTree(ScenarioRequests.build(blocks, config(Map.of(TargetConfig.BASE_URL, "http://h", TargetConfig.REPLAY_URL, "http://up")), m).body());
    assertThat(b2.at("/messages/0/content/0/text").asText()).isEqualTo("Count then say STOP\n\n[[relay-tck:text:abc123]]");
    assertThat(b2.path("model").asText()).isEqualTo("claude-test-model-1");
  }

  @Test
  void liveRequestsNameTheKitNowhere() throws Exception {
    Scenario text = ScenarioCatalog.of(TestRecordings.all()).byId("text").orElseThrow();
    Recording r = text.recording();
    Map<String, List<String>> headers = new LinkedHashMap<>(r.request().headers());
    headers.put("user-agent", List.of("relay-tck (claude-cli-shape/2.1.330)"));
    headers.put("x-stainless-lang", List.of("js"));
    ObjectNode body = r.request().body().deepCopy();
    ((ObjectNode) body.at("/messages/0")).put("content", "Read /tmp/relay-tck-session/project/A.java and /tmp/RELAY_TCK/b");
    Recording kitNamed = new Recording(r.scenario(), r.title(), r.features(), r.model(), r.provenance(),
        new RecordedRequest(r.request().method(), r.request().path(), r.request().query(), headers, body), r.response(), r.fault());
    Scenario claudeCode = new Scenario("cc", "cc", List.of(ScenarioRequests.CLAUDE_CODE), kitNamed, text.expectations());
    Marker m = new Marker("text", "abc123", null);

    ExchangeRequest live = ScenarioRequests.build(claudeCode, config(Map.of(TargetConfig.BASE_URL, "http://h")), m);
    String sent = new String(live.body(), StandardCharsets.UTF_8);
    assertThat(sent).doesNotContainIgnoringCase("relay-tck").doesNotContainIgnoringCase("relay_tck").doesNotContain("abc123")
        .contains("/tmp/app-session/project/A.java");
    assertThat(ScenarioRequests.markerOf(JSON.readTree(live.body()))).isEmpty();
    assertThat(live.headers()).containsEntry("user-agent", NeutralClient.USER_AGENT).containsEntry("x-stainless-lang", "js");
    assertThat(live.headers().values()).noneMatch(NeutralClient::namesKit);

    // A recorded user-agent that does not name the kit is what live requests send; hermetic runs send none.
    Scenario plain = Scenario.of(new Recording(r.scenario(), r.title(), r.features(), r.model(), r.provenance(),
        new RecordedRequest(r.request().method(), r.request().path(), r.request().query(),
            Map.of("user-agent", List.of("Anthropic/Python 0.28.1")), r.request().body()), r.response(), r.fault()));
    assertThat(ScenarioRequests.build(plain, config(Map.of(TargetConfig.BASE_URL, "http://h")), m).headers())
        .containsEntry("user-agent", "Anthropic/Python 0.28.1");
    ExchangeRequest hermetic = ScenarioRequests.build(plain, config(Map.of(TargetConfig.BASE_URL, "http://h",
        TargetConfig.REPLAY_URL, "http://up")), m);
    assertThat(hermetic.headers()).doesNotContainKey("user-agent");
    assertThat(ScenarioRequests.markerOf(JSON.readTree(hermetic.body()))).contains(m);
  }

  @Test
  void markersParseWithAndWithoutAFault() {
    assertThat(Marker.find("x [[relay-tck:text-stream:a1b2]] y")).contains(new Marker("text-stream", "a1b2", null));
    assertThat(Marker.find("[[relay-tck:text:n1:fault=status=529]]")).contains(new Marker("text", "n1", "status=529"));
    assertThat(new Marker("text", "n1", null).withFault("close@3").text()).isEqualTo("[[relay-tck:text:n1:fault=close@3]]");
    assertThat(Marker.find("no marker")).isEmpty();
    assertThat(Marker.fresh("s").nonce()).hasSize(16);
  }

  @Test
  void expectationsFollowTheRequest() {
    ScenarioCatalog catalog = ScenarioCatalog.of(TestRecordings.all());
    Expectations tool = catalog.byId("tool-forced").orElseThrow().expectations();
    assertThat(tool.forcedTool()).isEqualTo("get_weather");
    assertThat(tool.toolRequired()).isTrue();
    assertThat(tool.stopReasons()).containsExactly("tool_use");
    assertThat(catalog.byId("stop-sequence").orElseThrow().expectations().stopSequences()).containsExactly("STOP");
  }
}
