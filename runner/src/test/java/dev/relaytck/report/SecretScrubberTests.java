package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScrubberTests {
  private final SecretScrubber scrubber = new SecretScrubber(List.of("relay-secret-123456", "relay-secret", "abc"));

  @Test
  void masksConfiguredSecretsAnywhereLongestFirst() {
    assertThat(scrubber.scrub("x relay-secret-123456 y relay-secret z")).isEqualTo("x [REDACTED] y [REDACTED] z");
  }

  @Test
  void masksAnthropicKeysAndBearerTokensNobodyConfigured() {
    assertThat(SecretScrubber.none().scrub("key sk-ant-api03-AbCdEf0123456789_- ok")).isEqualTo("key [REDACTED] ok");
    assertThat(SecretScrubber.none().scrub("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc123def456"))
        .isEqualTo("Authorization: Bearer [REDACTED]");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String prose = "sent as Authorization: Bearer authentication; abc is too short to be a secret";
    assertThat(SecretScrubber.none().scrub(prose)).isEqualTo(prose);
    assertThat(scrubber.scrub(prose)).isEqualTo(prose);
  }

  @Test
  void scrubsEveryStringOfAJsonTreeIncludingFieldNames() throws Exception {
    JsonNode tree = ReportJson.mapper().readTree("{\"a\":[\"relay-secret-123456\",{\"relay-secret\":1}],\"n\":5}");
    assertThat(scrubber.scrub(tree).toString()).isEqualTo("{\"a\":[\"[REDACTED]\",{\"[REDACTED]\":1}],\"n\":5}");
  }

  @Test
  void knowsCredentialHeadersInAnyCase() {
    assertThat(SecretScrubber.credentialHeader("X-Api-Key")).isTrue();
    assertThat(SecretScrubber.credentialHeader("AUTHORIZATION")).isTrue();
    assertThat(SecretScrubber.credentialHeader("Set-Cookie")).isTrue();
    assertThat(SecretScrubber.credentialHeader("anthropic-version")).isFalse();
  }
}
