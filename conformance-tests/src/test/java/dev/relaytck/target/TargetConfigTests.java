package dev.relaytck.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetConfigTests {
  private static TargetConfig load(Map<String, String> params, Map<String, String> env) {
    return TargetConfig.load(k -> Optional.ofNullable(params.get(k)), env);
  }

  @Test
  void parametersWinOverEnvironmentWhichWinsOverTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("relay.properties");
    Files.writeString(file, "relaytck.baseUrl=http://127.0.0.1:1/\nrelaytck.model=from-file\nrelaytck.timeScale=0.5\n"
        + "relaytck.headers=X-Team: a, b; X-Other: c\nrelaytck.capabilities=open-relay,-count-tokens\n");
    Map<String, String> env = new HashMap<>();
    env.put("RELAYTCK_MODEL", "from-env");
    env.put("ANTHROPIC_AUTH_TOKEN", "tok");
    TargetConfig c = load(Map.of(TargetConfig.CONFIG_FILE, file.toString(), TargetConfig.MODEL_MAP, "a=b,c=d"), env);
    assertThat(c.baseUrl()).hasToString("http://127.0.0.1:1/");
    assertThat(c.model()).isEqualTo("from-env");
    assertThat(c.timeScale()).isEqualTo(0.5);
    assertThat(c.headers()).containsEntry("X-Team", "a, b").containsEntry("X-Other", "c");
    assertThat(c.capabilities()).containsExactly("open-relay");
    assertThat(c.absent()).containsExactly("count-tokens");
    assertThat(c.modelMap()).containsEntry("a", "b").containsEntry("c", "d");
    assertThat(c.mappedModel("a")).isEqualTo("b");
    assertThat(c.mappedModel("x")).isEqualTo("x");
    assertThat(c.authStyle()).isEqualTo(AuthStyle.BEARER);
    assertThat(c.hermetic()).isFalse();
  }

  @Test
  void theCredentialNeverAppearsInToString() {
    TargetConfig c = load(Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:9", TargetConfig.API_KEY, "sk-ant-secret-value",
        TargetConfig.HEADERS, "X-Relay-Key: hidden-too"), Map.of());
    assertThat(c.authStyle()).isEqualTo(AuthStyle.API_KEY);
    assertThat(c.toString()).doesNotContain("sk-ant-secret-value").doesNotContain("hidden-too");
    assertThat(c.secret().toString()).isEqualTo("***");
  }

  @Test
  void badConfigurationIsAClearUsageError() {
    assertThatThrownBy(() -> load(Map.of(), Map.of())).isInstanceOf(TargetConfig.ConfigException.class).hasMessageContaining("relaytck.baseUrl");
    assertThatThrownBy(() -> load(Map.of(TargetConfig.BASE_URL, "ftp://x"), Map.of())).hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> load(Map.of(TargetConfig.BASE_URL, "http://h", TargetConfig.TIME_SCALE, "fast"), Map.of()))
        .hasMessageContaining("must be a number");
    assertThatThrownBy(() -> load(Map.of(TargetConfig.BASE_URL, "http://h", TargetConfig.AUTH_STYLE, "bearer"), Map.of()))
        .hasMessageContaining("needs a credential");
    assertThatThrownBy(() -> load(Map.of(TargetConfig.BASE_URL, "http://h", TargetConfig.MODEL_MAP, "nope"), Map.of()))
        .hasMessageContaining("A=B");
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(TargetConfig.envName("relaytck.baseUrl")).isEqualTo("RELAYTCK_BASE_URL");
    assertThat(TargetConfig.envName("relaytck.timeout.idleMs")).isEqualTo("RELAYTCK_TIMEOUT_IDLE_MS");
  }
}
