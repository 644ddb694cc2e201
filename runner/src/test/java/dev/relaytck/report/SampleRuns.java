package dev.relaytck.report;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.ErrCheck;
import dev.relaytck.catalog.EvtCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.MsgCheck;
import dev.relaytck.catalog.SseCheck;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.ExchangeRecord;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.RunResult;
import dev.relaytck.outcome.ScenarioResult;
import dev.relaytck.outcome.SkipBasis;
import dev.relaytck.outcome.StreamTiming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built runs for the report tests: a faithful relay, and a defective one with hostile output. */
final class SampleRuns {
  static final String CLIENT_KEY = "sk-ant-api03-FAKECLIENTKEY0123456789abcdefXYZ";
  static final String RELAY_KEY = "relay-upstream-secret-7f3a9c2e";
  static final String HOSTILE = "<script>alert('x')</script> ]]> & \"quotes\" | `tick` \u0000\u0007 end";
  static final Instant STARTED = Instant.parse("2026-11-23T22:00:00Z");

  private SampleRuns() {}

  static StreamTiming timing(double first, double total, int events) {
    List<Double> offsets = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      // Gaps that vary as a real stream's do: tokens come faster once generation is under way, with a stall.
      double t = (double) i / Math.max(1, events - 1);
      offsets.add(first + (total - first) * (0.95 * (0.6 * t + 0.4 * t * t) + (i >= events / 2 ? 0.05 : 0)));
    }
    return new StreamTiming(first * 0.8, first, total, offsets);
  }

  static ScenarioResult passed(String scenario, StreamTiming timing) {
    return new ScenarioResult(scenario, Outcome.PASSED, null, null, null, timing);
  }

  /** Every catalog check passed on two scenarios, one streamed. */
  static RunResult faithful() {
    return faithful(120, 900);
  }

  static RunResult faithful(double firstEventMs, double totalMs) {
    List<CheckResult> checks = new ArrayList<>();
    for (Check c : Catalog.all()) {
      checks.add(new CheckResult(c, Outcome.PASSED, null, null,
          List.of(passed("stream-basic", timing(firstEventMs, totalMs, 12)), passed("message-basic", null)), null));
    }
    return new RunResult("0.1.0-test", "hermetic", "http://127.0.0.1:8089", STARTED, 4_321,
        List.of("core"), false, checks, Map.of("requests", 2));
  }

  /** Every catalog check passed on {@code streams} streamed scenarios with these timings (a timing distribution). */
  static RunResult timed(int streams, double firstEventMs, double totalMs) {
    List<ScenarioResult> scenarios = new ArrayList<>();
    for (int i = 0; i < streams; i++) scenarios.add(passed("stream-" + i, timing(firstEventMs + i, totalMs + i, 12)));
    List<CheckResult> checks = new ArrayList<>();
    for (Check c : Catalog.all()) checks.add(new CheckResult(c, Outcome.PASSED, null, null, scenarios, null));
    return new RunResult("0.1.0-test", "hermetic", "http://127.0.0.1:8089", STARTED, 4_321,
        List.of("core"), false, checks, Map.of("requests", streams));
  }

  static Map<String, Object> evidence(Object expected, Object actual, Location where) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("expected", expected);
    e.put("actual", actual);
    e.put("location", where);
    return e;
  }

  /**
   * SSE-020 (MUST) fails on one scenario with an exchange that carries both keys; EVT-110
   * (SHOULD) fails; ERR-010 is inconclusive; MSG-020 (INFO) reports a finding; the relay's
   * message is hostile markup and echoes the keys.
   */
  static RunResult failing() {
    List<CheckResult> checks = new ArrayList<>();
    for (Check c : Catalog.all()) {
      if (c == SseCheck.SSE_020) {
        ScenarioResult bad = new ScenarioResult("stream-tool-use", Outcome.FAILED,
            "event #3 has no event: line (data.type is content_block_delta) " + HOSTILE + " key=" + CLIENT_KEY,
            evidence("event: content_block_delta", "(no event: line) " + HOSTILE, Location.event(3, 412)),
            "stream-tool-use-1", timing(300, 2_400, 20));
        checks.add(new CheckResult(c, Outcome.FAILED, null, null,
            List.of(passed("stream-basic", timing(120, 900, 12)), bad), null));
      } else if (c == EvtCheck.EVT_110) {
        checks.add(new CheckResult(c, Outcome.FAILED, "usage.output_tokens fell from 12 to 3 in message_delta",
            evidence(">= 12", 3, new Location(7, 990L, null, "/usage/output_tokens")),
            List.of(new ScenarioResult("stream-basic", Outcome.FAILED, "usage.output_tokens fell from 12 to 3",
                null, "stream-basic-1", null)), null));
      } else if (c == ErrCheck.ERR_010) {
        checks.add(new CheckResult(c, Outcome.INCONCLUSIVE, "upstream answered 529 overloaded_error, not the relay's fault", null,
            List.of(new ScenarioResult("error-invalid-request", Outcome.INCONCLUSIVE, "529 from upstream", null, null, null)), null));
      } else if (c == MsgCheck.MSG_020) {
        checks.add(new CheckResult(c, Outcome.FAILED, "unknown field content[0].citations_v2 reported",
            Map.of("field", "citations_v2"), List.of(), null));
      } else if (c == SseCheck.SSE_055) {
        checks.add(new CheckResult(c, Outcome.SKIPPED, "no multibyte text in this run's recordings", null, List.of(), null,
            SkipBasis.NONE));
      } else {
        checks.add(new CheckResult(c, Outcome.PASSED, null, null, List.of(passed("stream-basic", timing(120, 900, 12))), null));
      }
    }
    return new RunResult("0.1.0-test", "hermetic", "http://127.0.0.1:8089", STARTED, 5_000,
        List.of("core"), false, checks, Map.of("requests", 3), List.of(exchange("stream-tool-use-1"), exchange("stream-basic-1"),
            exchange("message-basic-1")));
  }

  static ExchangeRecord exchange(String id) {
    Map<String, List<String>> request = new LinkedHashMap<>();
    request.put("Authorization", List.of("Bearer " + CLIENT_KEY));
    request.put("x-api-key", List.of(CLIENT_KEY));
    request.put("Cookie", List.of("session=abcdef123456"));
    request.put("anthropic-version", List.of("2023-06-01"));
    Map<String, List<String>> response = new LinkedHashMap<>();
    response.put("content-type", List.of("text/event-stream"));
    response.put("set-cookie", List.of("relay=tracking-cookie-value"));
    response.put("x-upstream-echo", List.of("forwarded with key " + RELAY_KEY));
    String body = "event: message_start\ndata: {\"type\":\"message_start\"}\n\ndata: {\"type\":\"content_block_delta\",\"note\":\""
        + RELAY_KEY + "\"}\n\n";
    Map<String, List<String>> upstream = new LinkedHashMap<>();
    upstream.put("X-Api-Key", List.of(RELAY_KEY));
    upstream.put("anthropic-version", List.of("2023-06-01"));
    return new ExchangeRecord(id, id.replaceFirst("-\\d+$", ""),
        new ExchangeRecord.Request("POST", "http://127.0.0.1:8089/v1/messages", request,
            "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi " + CLIENT_KEY + "\"}]}"),
        new ExchangeRecord.Response(200, response, body, List.of(
            new ExchangeRecord.ArrivedEvent(120.5, "message_start", "{\"type\":\"message_start\"}"),
            new ExchangeRecord.ArrivedEvent(180.25, null, "{\"type\":\"content_block_delta\",\"note\":\"" + RELAY_KEY + "\"}"))),
        new ExchangeRecord.Request("POST", "http://127.0.0.1:9099/v1/messages?beta=true", upstream, "{\"stream\":true}"));
  }

  static SecretScrubber scrubber() {
    return new SecretScrubber(List.of(CLIENT_KEY, RELAY_KEY));
  }
}
