package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamCredentialTests {
  private static final String KEY = "sk-ant-api03-" + "k".repeat(93);

  @Test
  void theKeyGoesInXApiKeyAndTheTokenAsBearerAndNeitherIsShown() {
    UpstreamCredential both = UpstreamCredential.fromEnvironment(
        Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_AUTH_TOKEN", "tok-123456789"));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/"));
    both.applyTo(builder);
    HttpRequest request = builder.build();

    assertThat(request.headers().firstValue("x-api-key")).contains(KEY);
    assertThat(request.headers().firstValue("authorization")).contains("Bearer tok-123456789");
    assertThat(both.toString()).doesNotContain(KEY).doesNotContain("tok-123456789").contains("hidden");
    assertThat(both.describe()).doesNotContain(KEY);
  }

  @Test
  void noCredentialIsAClearError() {
    assertThatThrownBy(() -> UpstreamCredential.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "  ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ANTHROPIC_API_KEY").hasMessageContaining("ANTHROPIC_AUTH_TOKEN");
  }
}
