package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceTextTests {
  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(Map<String, Object> evidence) {
    return ReportJson.mapper().convertValue(evidence, LinkedHashMap.class);
  }

  @Test
  void saysWhereInTheWordsOfTheFailureMessages() {
    assertThat(EvidenceText.location(json(Map.of("location", Location.event(3, 412))))).isEqualTo("event #3, byte 412");
    assertThat(EvidenceText.location(json(Map.of("location", Location.header("content-type"))))).isEqualTo("header content-type");
    assertThat(EvidenceText.location(json(Map.of("location", Location.pointer(""))))).isEqualTo("at /");
    assertThat(EvidenceText.location(Map.of("location", Map.of("pointer", "/usage")))).isEqualTo("at /usage");
    assertThat(EvidenceText.location(Map.of())).isNull();
  }

  @Test
  void expectedAndActualKeepTheirJsonShapeAndAreCapped() {
    Map<String, Object> e = json(Map.of("expected", List.of(1, 2), "actual", "x".repeat(5_000)));
    assertThat(EvidenceText.expected(e)).isEqualTo("[1,2]");
    assertThat(EvidenceText.actual(e)).hasSize(EvidenceText.MAX_VALUE_CHARS + " (3000 more characters)".length() + 1)
        .endsWith("… (3000 more characters)");
    assertThat(EvidenceText.lines(e)).containsExactly("expected: [1,2]", "actual:   " + EvidenceText.actual(e));
  }

  @Test
  void truncationNeverCutsAWord() {
    String cause = "the relay answered with its own HTML page instead of the upstream's error: Socket closed by the upstream";
    String cut = EvidenceText.truncate(cause, 80);
    assertThat(cut).startsWith("the relay answered with its own HTML page instead of the upstream's error:")
        .endsWith("… (30 more characters)").doesNotContain("Soc…");
  }

  @Test
  void oneLineFlattensAndDisarmsControlCharacters() {
    assertThat(EvidenceText.oneLine("a\r\nb\tc \u001b[2J d", 100)).isEqualTo("a b c \\u001b[2J d");
    assertThat(EvidenceText.oneLine(null, 10)).isEmpty();
  }
}
