package dev.relaytck.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFramingTests {
  private static StreamFraming parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return StreamFraming.parse(b, List.of(new Chunk(b, 42)));
  }

  @Test
  void lfCrlfAndCrLineEndsAndCommentsFrameTheSameEvents() {
    for (String nl : List.of("\n", "\r\n", "\r")) {
      StreamFraming f = parse(": hello" + nl + "event: a" + nl + "data: {\"x\":1}" + nl + nl + "event: b" + nl + "data:{}" + nl + nl);
      assertThat(f.events()).extracting(e -> e.event() + " " + e.data()).containsExactly("a {\"x\":1}", "b {}");
      assertThat(f.comments()).isEqualTo(1);
      assertThat(f.trailingOffset()).isEqualTo(-1);
      assertThat(f.events().get(0).arrivalNanos()).isEqualTo(42);
    }
  }

  @Test
  void anUnfinishedLastEventIsReportedWithItsOffset() {
    StreamFraming f = parse("event: a\ndata: {}\n\nevent: b\ndata: {}\n");
    assertThat(f.events()).hasSize(1);
    assertThat(f.trailingOffset()).isEqualTo(19);
  }

  @Test
  void eachEventCarriesTheArrivalOfTheChunkThatCompletedIt() {
    byte[] a = "event: a\ndata: {}\n\nevent: b\nda".getBytes(StandardCharsets.UTF_8);
    byte[] b = "ta: {}\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = (new String(a, StandardCharsets.UTF_8) + new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    StreamFraming f = StreamFraming.parse(all, List.of(new Chunk(a, 10), new Chunk(b, 20)));
    assertThat(f.events()).extracting(e -> e.event() + "@" + e.arrivalNanos()).containsExactly("a@10", "b@20");
  }

  @Test
  void anEventLineWithoutDataIsStillAnEventForTheChecksToJudge() {
    StreamFraming f = parse("event: ping\n\n");
    assertThat(f.events()).hasSize(1);
    assertThat(f.events().get(0).data()).isNull();
  }
}
