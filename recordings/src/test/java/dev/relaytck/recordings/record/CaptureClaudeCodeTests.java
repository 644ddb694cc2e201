package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureClaudeCodeTests {

  private final ObjectMapper json = new ObjectMapper();

  private ClaudeCodeCaptureServer.Exchange exchange(String path, String text, CodingSessionScript.Kind kind)
      throws Exception {
    return new ClaudeCodeCaptureServer.Exchange(new RecordedRequest("POST", path, "beta=true", Map.of(),
        json.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}")), kind, 200);
  }

  @Test
  void concurrentCountTokensBurstsAreOrderedByContentAndNothingElseMoves() throws Exception {
    var main1 = exchange("/v1/messages", "m1", CodingSessionScript.Kind.MAIN_READ);
    var countLong = exchange("/v1/messages/count_tokens", "a much longer section", CodingSessionScript.Kind.COUNT_TOKENS);
    var countShort = exchange("/v1/messages/count_tokens", "foo", CodingSessionScript.Kind.COUNT_TOKENS);
    var main2 = exchange("/v1/messages", "m2", CodingSessionScript.Kind.MAIN_FINAL);
    var countAfter = exchange("/v1/messages/count_tokens", "z", CodingSessionScript.Kind.COUNT_TOKENS);
    CaptureSanitiser sanitiser = new CaptureSanitiser(json, Map.of());

    List<ClaudeCodeCaptureServer.Exchange> one =
        CaptureClaudeCode.concurrentBurstsSorted(List.of(main1, countLong, countShort, main2, countAfter), sanitiser, json);
    List<ClaudeCodeCaptureServer.Exchange> other =
        CaptureClaudeCode.concurrentBurstsSorted(List.of(main1, countShort, countLong, main2, countAfter), sanitiser, json);

    assertThat(one).isEqualTo(other);
    assertThat(one.get(0)).isSameAs(main1);
    assertThat(one.subList(1, 3)).containsExactlyInAnyOrder(countLong, countShort);
    assertThat(one.get(3)).isSameAs(main2);
    assertThat(one.get(4)).isSameAs(countAfter);
  }
}
