package dev.relaytck.recordings.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkerPlacementTests {
  private final ObjectMapper json = new ObjectMapper();

  private ObjectNode body(String text) throws Exception {
    return (ObjectNode) json.readTree(text);
  }

  @Test
  void appendsToTheLastTextOfTheLastUserMessage() throws Exception {
    ObjectNode body = body("{\"messages\":[{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image\"},{\"type\":\"text\",\"text\":\"b\"}]}]}");

    assertThat(MarkerPlacement.append(body, "[[relay-tck:x:1]]")).isTrue();

    assertThat(body.at("/messages/2/content/2/text").asText()).isEqualTo("b\n\n[[relay-tck:x:1]]");
    assertThat(body.at("/messages/2/content/0/text").asText()).isEqualTo("a");
    assertThat(body.at("/messages/0/content").asText()).isEqualTo("first");
  }

  @Test
  void stringContentAndMessagesWithoutTextBlocks() throws Exception {
    ObjectNode plain = body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    ObjectNode toolResult = body("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]}]}");
    ObjectNode none = body("{\"model\":\"m\"}");

    MarkerPlacement.append(plain, MarkerPlacement.marker("text-json", "ab12"));
    MarkerPlacement.append(toolResult, "[[relay-tck:tool-result:1]]");

    assertThat(plain.at("/messages/0/content").asText()).isEqualTo("hi\n\n[[relay-tck:text-json:ab12]]");
    assertThat(json.convertValue(toolResult.at("/messages/0/content/1"), Map.class))
        .isEqualTo(Map.of("type", "text", "text", "[[relay-tck:tool-result:1]]"));
    assertThat(MarkerPlacement.append(none, "[[relay-tck:x:1]]")).isFalse();
    assertThat(MarkerPlacement.freshNonce()).matches("[0-9a-f]{16}").isNotEqualTo(MarkerPlacement.freshNonce());
  }
}
