package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Area;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.FeatureDefect;
import dev.relaytck.relay.FeatureHarness;
import dev.relaytck.relay.Harness;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.target.TargetConfig;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Java SDK (anthropic-java) as a client of the relay, over every bundled official
 * recording on the real replay upstream: a faithful relay (and the transformations the protocol
 * allows) passes SDK-010/020/030; a relay that breaks the stream, the JSON or the content fails
 * the check concerned, with the SDK's own exception or the difference in the message.
 */
class SdkProbeTests {
  private static final Set<Area> SDK = EnumSet.of(Area.SDK);
  private static final Map<String, String> PROFILE = Map.of(TargetConfig.PROFILES, "core,sdk");

  @ParameterizedTest(name = "faithful relay with {0}")
  @EnumSource(value = Behaviour.class, names = {"SINGLE_BYTE_CHUNKS", "CRLF", "SSE_COMMENTS", "RECASE_AND_ADD_HEADERS", "GZIP_WHEN_ACCEPTED"})
  void faithfulRelayPassesEverySdkCheck(Behaviour allowed) throws Exception {
    try (FeatureHarness h = new FeatureHarness(null, EnumSet.of(allowed), true, PROFILE)) {
      Map<String, Map<String, Verdict>> results = h.evaluate(SDK);
      assertThat(Harness.failures(results)).as("with %s", allowed).isEmpty();
      assertThat(results.get("SDK-010")).containsKeys("thinking-stream", "tool-use-stream", "redacted-thinking-stream", "web-search-stream");
      assertThat(results.get("SDK-020")).containsKeys("tool-use-parallel", "thinking-json", "cache-write");
      assertThat(results.get("SDK-030").values()).allMatch(v -> v.outcome() == Outcome.PASSED);
    }
  }

  @Test
  void bearerTokenIsWhatTheSdkSends() throws Exception {
    Map<String, String> bearer = Map.of(TargetConfig.PROFILES, "sdk", TargetConfig.AUTH_STYLE, "bearer",
        TargetConfig.AUTH_TOKEN, TestRelay.CLIENT_KEY, TargetConfig.API_KEY, "");
    try (FeatureHarness h = new FeatureHarness(null, Set.of(), true, bearer)) {
      assertThat(Harness.failures(h.evaluate(SDK))).isEmpty();
    }
  }

  @Test
  void withoutTheSdkProfileTheProbeSendsNothing() throws Exception {
    try (FeatureHarness h = new FeatureHarness(null, Set.of(), true, Map.of())) {
      assertThat(h.evaluate(SDK)).isEmpty();
    }
  }

  @Test
  void aStreamCutBeforeMessageStopFailsSdk010() throws Exception {
    try (FeatureHarness h = new FeatureHarness(null, EnumSet.of(Behaviour.TRUNCATE_LAST_EVENT), true, PROFILE)) {
      Map<String, String> failures = Harness.failures(h.evaluate(SDK));
      assertThat(failures.keySet()).containsExactlyInAnyOrder("SDK-010", "SDK-030");
      assertThat(failures.get("SDK-010")).contains("FAILED SDK-010").contains("the SDK raised")
          .contains("'message_stop' event not yet received");
    }
  }

  @Test
  void aTruncatedJsonBodyFailsSdk020() throws Exception {
    try (FeatureHarness h = new FeatureHarness(FeatureDefect.TRUNCATE_JSON, Set.of(), true, PROFILE)) {
      Map<String, String> failures = Harness.failures(h.evaluate(SDK));
      assertThat(failures.keySet()).containsExactlyInAnyOrder("SDK-020", "SDK-030");
      assertThat(failures.get("SDK-020")).contains("FAILED SDK-020").contains("the SDK raised");
    }
  }

  @Test
  void aCredentialEchoedInAnErrorBodyNeverReachesTheFailureMessage() throws Exception {
    com.sun.net.httpserver.HttpServer echo = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    echo.createContext("/", ex -> {
      byte[] b = ("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"bad key "
          + ex.getRequestHeaders().getFirst("x-api-key") + " " + ex.getRequestHeaders().getFirst("authorization") + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("content-type", "application/json");
      ex.sendResponseHeaders(401, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    echo.start();
    try {
      Map<String, String> p = Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:" + echo.getAddress().getPort(),
          TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
      TargetConfig config = TargetConfig.load(k -> java.util.Optional.ofNullable(p.get(k)), Map.of());
      dev.relaytck.scenario.Scenario s = dev.relaytck.scenario.ScenarioCatalog.of(FeatureHarness.recordings()).byId("text-json").orElseThrow();
      dev.relaytck.target.SdkClient.Result r = new dev.relaytck.target.SdkClient(config)
          .send(dev.relaytck.scenario.ScenarioRequests.build(s, config, dev.relaytck.scenario.Marker.fresh(s.id())), false);
      assertThat(r.ok()).isFalse();
      // The SDK sends x-api-key, and after a 401 tries once more with Authorization: Bearer (its own auth refresh).
      assertThat(r.failure()).contains("HTTP 401").contains("***").doesNotContain(TestRelay.CLIENT_KEY);
    } finally {
      echo.stop(0);
    }
  }

  @Test
  void contentTheSdkAcceptsSilentlyFailsSdk030() throws Exception {
    try (FeatureHarness h = new FeatureHarness(FeatureDefect.REWRITE_THINKING, Set.of(), true, PROFILE)) {
      Map<String, String> failures = Harness.failures(h.evaluate(SDK));
      assertThat(failures.keySet()).containsExactly("SDK-030");
      assertThat(failures.get("SDK-030")).contains("FAILED SDK-030 at /content/0/thinking: differs from the recording");
    }
  }
}
