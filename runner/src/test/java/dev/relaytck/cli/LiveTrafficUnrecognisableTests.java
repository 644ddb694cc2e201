package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.relay.AuditAwareRelay;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.TestRelay;
import dev.relaytck.standin.Pacing;
import dev.relaytck.standin.StandInApi;
import dev.relaytck.standin.StandInModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live traffic a relay cannot tell from its users' (docs/live.md, "What live traffic looks
 * like"): no scenario marker, no kit header, no kit user-agent, no kit name in any body. A relay
 * that serves the real model only when it recognises the kit ("audit-aware substitution") is
 * therefore caught live by the same check that catches a plain quiet swap (MSG-110: the billed
 * input differs from count_tokens of the request sent). While live requests carried the hermetic
 * marker {@code [[relay-tck:<scenario>:<nonce>]]}, this relay recognised every one of them and
 * passed.
 */
class LiveTrafficUnrecognisableTests {
  private static final String MODEL = LiveModeTests.MODEL;

  @Test
  void aRelayLookingForTheKitFindsNothingLiveAndItsSubstitutionIsCaught(@TempDir Path dir) throws Exception {
    // The relay's test really looks: the hermetic marker, a kit user-agent or header would be recognised.
    assertThat(AuditAwareRelay.recognises("", "{\"text\":\"hi [[relay-tck:text-stream:n1]]\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(AuditAwareRelay.recognises("User-Agent: Relay-TCK/1.0\n", new byte[0])).isTrue();
    assertThat(AuditAwareRelay.recognises("X-Relay-Tck-Run: 1\n", new byte[0])).isTrue();

    CliRunner r;
    List<AuditAwareRelay.Seen> seen;
    try (StandInApi api = StandInApi.builder()
            .model(StandInModels.gamma(MODEL).renamed(MODEL, 64_000, 200_000))
            .model(StandInModels.beta(TestRelay.CHEAPER_MODEL))
            .pacing(new Pacing(Duration.ofMillis(20), Duration.ofMillis(6)))
            .seed(11)
            .start();
        TestRelay honest = new TestRelay(api.url(), Set.of());
        TestRelay swapping = new TestRelay(api.url(), EnumSet.of(Behaviour.SWAP_MODEL_QUIETLY));
        AuditAwareRelay relay = new AuditAwareRelay(honest.url(), swapping.url())) {
      r = LiveModeTests.live(relay.url().toString(), dir, Map.of("ANTHROPIC_API_KEY", TestRelay.CLIENT_KEY),
          "--model", MODEL, "--profile", "core,claude-code");
      seen = relay.seen();
    }
    // Every request of a whole live run (scenarios, variants, endpoint probes, Claude Code's captured requests).
    assertThat(seen.size()).as(r.out()).isGreaterThan(50);
    assertThat(seen).extracting(AuditAwareRelay.Seen::path).contains("/v1/messages", "/v1/messages/count_tokens", "/v1/models");
    assertThat(seen).filteredOn(AuditAwareRelay.Seen::recognised).as("requests that named the kit").isEmpty();
    // Nor does the JDK's own user-agent give the kit away: each request sends an ordinary client's.
    assertThat(seen).extracting(AuditAwareRelay.Seen::userAgent).doesNotContainNull()
        .noneMatch(ua -> ua.startsWith("Java-http-client"));

    JsonNode report = LiveModeTests.report(dir);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
    JsonNode caught = LiveModeTests.check(report, "MSG-110");
    assertThat(caught.path("status").asText()).as(r.out()).isEqualTo("failed");
    assertThat(caught.path("message").asText()).contains("MSG-110", "the prompt the model saw differs from the request sent");
    // The echoed model name alone proves nothing: the swap keeps it.
    assertThat(LiveModeTests.check(report, "MSG-040").path("status").asText()).isEqualTo("passed");
    assertThat(r.out()).contains("not certified (live): core");
  }
}
