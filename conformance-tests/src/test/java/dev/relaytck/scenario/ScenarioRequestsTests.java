package dev.relaytck.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.relay.TestRecordings;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.target.TargetConfig;
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
    ExchangeRequest r = ScenarioRequests.build(text, config(Map.of(TargetConfig.BASE_URL, "http://h", TargetConfig.MODEL, "claude-other")), m);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("model").asText()).isEqualTo("claude-other");
    assertThat(body.at("/messages/0/content").asText()).endsWith("\n\n[[relay-tck:text:abc123]]");
    assertThat(r.pathAndQuery()).isEqualTo("/v1/messages?beta=true");
    assertThat(r.headers()).containsEntry("anthropic-beta", "fine-grained-tool-streaming-2025-05-14,interleaved-thinking-2025-05-14")
        .containsEntry("accept-encoding", "gzip").doesNotContainKey("x-api-key");
    assertThat(ScenarioRequests.markerOf(body)).contains(m);

    Scenario blocks = catalog.byId("stop-sequence").orElseThrow();
    JsonNode b2 = JSON.readTree(ScenarioRequests.build(blocks, config(Map.of(TargetConfig.BASE_URL, "http://h")), m).body());
    assertThat(b2.at("/messages/0/content/0/text").asText()).isEqualTo("Count then say STOP\n\n[[relay-tck:text:abc123]]");
    assertThat(b2.path("model").asText()).isEqualTo("claude-test-model-1");
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
