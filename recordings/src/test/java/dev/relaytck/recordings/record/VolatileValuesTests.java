package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolatileValuesTests {
  private static final String EVENT = "event: message_start\ndata: {\"message\":{\"id\":\"msg_011CeCGmCzjcUtmtEmMdEiM2\"},"
      + "\"x\":\"toolu_01XFDUDYJgAACzvnptvVoYEL\",\"again\":\"msg_011CeCGmCzjcUtmtEmMdEiM2\"}   \n\n";

  @Test
  void idsKeepPrefixAndLengthAndAreReplacedConsistently() {
    VolatileValues values = new VolatileValues("text-stream");
    String out = new String(values.body(EVENT.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

    assertThat(out).hasSameSizeAs(EVENT).doesNotContain("CeCGmCzjcUtmtEmMdEiM2").doesNotContain("XFDUDYJgAACzvnptvVoYEL");
    assertThat(out).containsPattern("\"id\":\"msg_01[A-Za-z0-9]{22}\"").containsPattern("\"x\":\"toolu_01[A-Za-z0-9]{22}\"");
    String id = out.replaceAll("(?s).*\"id\":\"(msg_[^\"]+)\".*", "$1");
    assertThat(out).contains("\"again\":\"" + id + "\"").endsWith("}   \n\n");
  }

  @Test
  void reRecordingTheSameScenarioGivesTheSameIdsAndAnotherScenarioOthers() {
    byte[] event = EVENT.getBytes(StandardCharsets.UTF_8);
    byte[] first = new VolatileValues("text-stream").body(event);
    byte[] again = new VolatileValues("text-stream").body(
        EVENT.replace("CeCGmCzjcUtmtEmMdEiM2", "ZZZZZZZZZZZZZZZZZZZZZ").getBytes(StandardCharsets.UTF_8));

    assertThat(again).isEqualTo(first);
    assertThat(new VolatileValues("tool-use-stream").body(event)).isNotEqualTo(first);
  }

  @Test
  void bytesOutsideIdsStayExactlyAsSentEvenWhenNotUtf8() {
    byte[] raw = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'r', 'e', 'q', '_', 'A', 'B', 'C', 'D',
        'E', 'F', 'G', 'H', 'I', '\r', '\n', '\r', '\n'};

    byte[] out = new VolatileValues("s").body(raw);

    assertThat(out).hasSameSizeAs(raw);
    assertThat(java.util.Arrays.copyOfRange(out, 0, 9)).isEqualTo(java.util.Arrays.copyOfRange(raw, 0, 9));
    assertThat(java.util.Arrays.copyOfRange(out, 22, 26)).isEqualTo(new byte[] {'\r', '\n', '\r', '\n'});
    assertThat(new String(out, 9, 6, StandardCharsets.ISO_8859_1)).isEqualTo("req_AB");
    assertThat(new String(out, 9, 13, StandardCharsets.ISO_8859_1)).isNotEqualTo("req_ABCDEFGHI");
  }

  @Test
  void datesResetsTraceIdsAndConnectionHeaders() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Date", List.of("Mon, 23 Nov 2026 23:30:00 GMT"));
    headers.put("anthropic-ratelimit-requests-reset", List.of("2026-11-23T23:30:01Z"));
    headers.put("anthropic-ratelimit-requests-remaining", List.of("49"));
    headers.put("request-id", List.of("req_011CeCGmCzjcUtmtEmMdEiM2"));
    headers.put("cf-ray", List.of("8f3a9c1d2e4b5a6c-SJC"));
    headers.put("traceresponse", List.of("00-7abe39b499bbaa3cca25485b468db247-72b00d9cfa473f27-01"));
    headers.put("Transfer-Encoding", List.of("chunked"));
    headers.put(":status", List.of("200"));
    headers.put("retry-after", List.of("12"));

    VolatileValues values = new VolatileValues("text-stream");
    Map<String, List<String>> out = values.headers(headers);
    byte[] body = values.body("\"req\":\"req_011CeCGmCzjcUtmtEmMdEiM2\"".getBytes(StandardCharsets.UTF_8));

    assertThat(out).doesNotContainKeys("transfer-encoding", ":status", "Transfer-Encoding");
    assertThat(out.get("date")).containsExactly(VolatileValues.EPOCH_DATE);
    assertThat(out.get("anthropic-ratelimit-requests-reset")).containsExactly(VolatileValues.EPOCH_INSTANT);
    assertThat(out.get("anthropic-ratelimit-requests-remaining")).containsExactly("49");
    assertThat(out.get("retry-after")).containsExactly("12");
    assertThat(out.get("request-id").get(0)).startsWith("req_01").hasSize(28).isNotEqualTo("req_011CeCGmCzjcUtmtEmMdEiM2");
    assertThat(new String(body, StandardCharsets.UTF_8)).contains(out.get("request-id").get(0));
    assertThat(out.get("cf-ray").get(0)).matches("[0-9a-f]{16}-SJC").isNotEqualTo("8f3a9c1d2e4b5a6c-SJC");
    assertThat(out.get("traceresponse").get(0)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
        .doesNotContain("7abe39b499bbaa3cca25485b468db247");
  }
}
