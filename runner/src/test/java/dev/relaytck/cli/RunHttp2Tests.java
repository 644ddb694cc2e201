package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --http}: a relay that speaks HTTP/2 (over TLS, as behind a CDN) is judged the same over
 * HTTP/2 as over HTTP/1.1, check by check, and the report says which version carried the run.
 */
class RunHttp2Tests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFaithfulRelayGetsTheSameOutcomesOverHttp2AsOverHttp11(@TempDir Path dir) throws Exception {
    try (ReplayServer replay = ReplayServer.start(ReplayOptions.of(Recordings.bundled()).withTimeScale(0.05));
         TlsHttp2Relay relay = TlsHttp2Relay.start(replay.baseUrl(), dir)) {
      JsonNode h2 = run(relay, replay, dir.resolve("h2"), "2");
      JsonNode h11 = run(relay, replay, dir.resolve("h11"), "1.1");

      assertThat(h2.path("metrics").path("run").path("httpVersions").toString()).isEqualTo("{\"HTTP/2\":" + sends(h2) + "}");
      assertThat(h11.path("metrics").path("run").path("httpVersions").toString()).isEqualTo("{\"HTTP/1.1\":" + sends(h11) + "}");
      assertThat(outcomes(h2)).as("outcome per check over HTTP/2").isEqualTo(outcomes(h11));
      assertThat(h2.path("summary").path("passed").asInt()).isPositive();
    }
  }

  private static JsonNode run(TlsHttp2Relay relay, ReplayServer replay, Path dir, String http) throws Exception {
    CliRunner r = RunCommandTests.run("run", "--base-url", relay.url(), "--replay", replay.baseUrl(), "--http", http,
        "--ca-cert", relay.caCert().toString(), "--api-key", "sk-ant-fake-http2-key", "--report-dir", dir.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isIn(ExitCodes.OK, ExitCodes.FAILED);
    return JSON.readTree(dir.resolve("report.json").toFile());
  }

  private static long sends(JsonNode report) {
    long n = 0;
    for (var v : (Iterable<JsonNode>) () -> report.path("metrics").path("run").path("httpVersions").elements()) n += v.asLong();
    return n;
  }

  private static Map<String, String> outcomes(JsonNode report) {
    Map<String, String> out = new TreeMap<>();
    report.path("checks").forEach(c -> out.put(c.path("id").asText(), c.path("status").asText()));
    return out;
  }
}
