package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeWriterTests {
  @TempDir Path dir;

  @Test
  void writesTheRawExchangeWithEventsAndArrivalTimesButNoSecrets() throws Exception {
    List<Path> files = new ExchangeWriter(SampleRuns.scrubber())
        .write(dir, List.of(SampleRuns.exchange("stream-tool-use-1")), Set.of("stream-tool-use-1"));
    assertThat(files).containsExactly(dir.resolve("exchanges/stream-tool-use-1.json"));
    String text = Files.readString(files.get(0));
    assertThat(text).doesNotContain(SampleRuns.CLIENT_KEY).doesNotContain(SampleRuns.RELAY_KEY)
        .doesNotContain("abcdef123456").doesNotContain("tracking-cookie-value");
    JsonNode json = ReportJson.mapper().readTree(text);
    assertThat(json.at("/request/method").asText()).isEqualTo("POST");
    assertThat(json.at("/request/headers/Authorization/0").asText()).isEqualTo("[REDACTED]");
    assertThat(json.at("/request/headers/x-api-key/0").asText()).isEqualTo("[REDACTED]");
    assertThat(json.at("/request/headers/anthropic-version/0").asText()).isEqualTo("2023-06-01");
    assertThat(json.at("/request/body").asText()).contains("\"stream\":true").contains("hi [REDACTED]");
    assertThat(json.at("/response/status").asInt()).isEqualTo(200);
    assertThat(json.at("/response/headers/x-upstream-echo/0").asText()).isEqualTo("forwarded with key [REDACTED]");
    assertThat(json.at("/response/events/1/offsetMs").asDouble()).isEqualTo(180.25);
    assertThat(json.at("/response/events/0/event").asText()).isEqualTo("message_start");
    assertThat(json.at("/response/events/1/data").asText()).contains("[REDACTED]");
    assertThat(json.at("/upstreamRequest/url").asText()).isEqualTo("http://127.0.0.1:9099/v1/messages?beta=true");
    assertThat(json.at("/upstreamRequest/headers/X-Api-Key/0").asText()).isEqualTo("[REDACTED]");
  }

  @Test
  void writesOnlyTheExchangesAskedForUnderSafeFileNames() throws Exception {
    List<Path> files = new ExchangeWriter(SecretScrubber.none()).write(dir,
        List.of(SampleRuns.exchange("a-1"), SampleRuns.exchange("../../escape")), Set.of("../../escape"));
    assertThat(files).singleElement().satisfies(p -> {
      assertThat(p.getParent()).isEqualTo(dir.resolve("exchanges"));
      assertThat(p.getFileName().toString()).isEqualTo("_.._.._escape.json");
    });
    assertThat(ExchangeWriter.fileName("a b/c")).isEqualTo("a_b_c.json");
  }
}
