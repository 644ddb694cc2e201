package dev.relaytck.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ID-040's attribution on real responses: a first-party answer and an AWS Bedrock answer from a
 * public cassette (test resources identity/channels, NOTICE.md), every bundled first-party
 * recording, and bodies built from the documented Bedrock and Vertex id prefixes.
 */
class ChannelSignalsTests {
  record Captured(String uri, Map<String, List<String>> headers, byte[] body) {}

  static List<Captured> cassette(String name) throws Exception {
    JsonNode doc;
    try (InputStream in = ChannelSignalsTests.class.getResourceAsStream("/identity/channels/" + name)) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    List<Captured> out = new ArrayList<>();
    for (JsonNode i : doc.path("http_interactions")) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      i.at("/response/headers").fields().forEachRemaining(h -> {
        List<String> values = new ArrayList<>();
        h.getValue().forEach(v -> values.add(v.asText()));
        headers.put(h.getKey(), values);
      });
      out.add(new Captured(i.at("/request/uri").asText(), headers,
          i.at("/response/body/string").asText().getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Test
  void realFirstPartyAndBedrockResponsesAreNamedRight() throws Exception {
    List<Captured> c = cassette("ruby_llm-anthropic-then-bedrock.yml");
    assertThat(c).hasSize(2);
    ChannelSignals.Attribution first = ChannelSignals.classify(c.get(0).headers(), c.get(0).body());
    assertThat(c.get(0).uri()).contains("anthropic");
    assertThat(first.channel()).isEqualTo(Channel.ANTHROPIC);
    assertThat(first.describe()).anyMatch(s -> s.contains("msg_01"));
    ChannelSignals.Attribution bedrock = ChannelSignals.classify(c.get(1).headers(), c.get(1).body());
    assertThat(c.get(1).uri()).contains("bedrock-runtime");
    assertThat(bedrock.channel()).isEqualTo(Channel.BEDROCK);
    assertThat(bedrock.describe()).anyMatch(s -> s.contains("x-amzn-")).anyMatch(s -> s.contains("Converse"));
    // The body alone (validate --json on a captured file) still says Bedrock.
    assertThat(ChannelSignals.classify(Map.of(), c.get(1).body()).channel()).isEqualTo(Channel.BEDROCK);
  }

  @Test
  void noBundledFirstPartyRecordingIsAttributedElsewhere() {
    int judged = 0;
    for (Recording r : Recordings.bundled()) {
      if (r.response() == null || r.response().status() != 200) continue;
      byte[] body = r.response().body();
      if (body == null && r.response().events() != null) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (RecordedEvent e : r.response().events()) all.writeBytes(e.bytes());
        body = all.toByteArray();
      }
      Channel c = ChannelSignals.classify(r.response().headers() == null ? Map.of() : r.response().headers(), body).channel();
      assertThat(c).as(r.scenario()).isIn(Channel.ANTHROPIC, Channel.UNKNOWN);
      judged++;
    }
    assertThat(judged).isGreaterThan(10);
  }

  @Test
  void documentedPrefixesNameBedrockVertexAndTranslations() {
    assertThat(classify("{\"id\":\"msg_bdrk_01abc\",\"type\":\"message\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_bdrk_01x\"}]}"))
        .isEqualTo(Channel.BEDROCK);
    assertThat(classify("{\"id\":\"msg_vrtx_01abc\",\"type\":\"message\",\"content\":[]}")).isEqualTo(Channel.VERTEX);
    assertThat(classify("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_vrtx_0123\"}"))
        .isEqualTo(Channel.VERTEX);
    assertThat(classify("{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion\",\"choices\":[]}")).isEqualTo(Channel.OTHER);
    assertThat(classify("{\"id\":\"3f2c9a4e-1b2c-4d5e-8f90-0123456789ab\",\"type\":\"message\",\"content\":"
        + "[{\"type\":\"thinking\",\"thinking\":\"hm\"}]}")).isEqualTo(Channel.OTHER);
    String stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01ABCDEFGHJKLMNPQRSTUVWX\","
        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAh\"}}\n\n";
    assertThat(classify(stream)).isEqualTo(Channel.ANTHROPIC);
    assertThat(classify("")).isEqualTo(Channel.UNKNOWN);
    assertThat(classify("garbage \u0000 not json")).isEqualTo(Channel.UNKNOWN);
  }

  static Channel classify(String body) {
    return ChannelSignals.classify(Map.of(), body.getBytes(StandardCharsets.UTF_8)).channel();
  }
}
