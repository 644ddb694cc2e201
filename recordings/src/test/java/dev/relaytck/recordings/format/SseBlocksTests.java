package dev.relaytck.recordings.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseBlocksTests {
  private static List<String> split(String body) {
    return SseBlocks.split(body.getBytes(StandardCharsets.UTF_8)).stream()
        .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void eachBlockKeepsItsBytesAndTerminatingBlankLine() {
    assertThat(split("event: a\ndata: {}   \n\nevent: b\ndata: {}\n\n"))
        .containsExactly("event: a\ndata: {}   \n\n", "event: b\ndata: {}\n\n");
  }

  @Test
  void crlfCrAndCommentLinesStayInsideTheirBlock() {
    assertThat(split(": hi\r\nevent: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r"))
        .containsExactly(": hi\r\nevent: a\r\ndata: 1\r\n\r\n", "event: b\rdata: 2\r\r");
  }

  @Test
  void bytesAfterTheLastBlankLineAreAnUnterminatedLastBlock() {
    assertThat(split("event: a\ndata: 1\n\nevent: b\ndata: 2\n")).containsExactly("event: a\ndata: 1\n\n", "event: b\ndata: 2\n");
    assertThat(split("")).isEmpty();
  }

  @Test
  void joinIsTheInverseOfSplit() {
    String body = "event: a\ndata: é\n\n\nevent: b\r\ndata: 2\r\n\r\ntail";
    List<RecordedEvent> events = SseBlocks.split(body.getBytes(StandardCharsets.UTF_8)).stream()
        .map(b -> new RecordedEvent(0, b)).toList();
    assertThat(new String(SseBlocks.join(events), StandardCharsets.UTF_8)).isEqualTo(body);
  }
}
