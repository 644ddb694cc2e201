package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run keeps its settings to itself: the Maven-dependency use runs the kit inside someone
 * else's JVM, possibly twice at once. Neither the JVM's TLS context and proxy selector nor any
 * static holder of recordings may carry one run's choices into another.
 */
class RunIsolationTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRunWithACaCertificateAndAProxyLeavesTheJvmDefaultsAlone(@TempDir Path dir) throws Exception {
    // A CA certificate file: any root the JDK already has will do.
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    X509Certificate root = ((X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers()[0];
    Path ca = dir.resolve("ca.der");
    Files.write(ca, root.getEncoded());
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    SSLContext tlsBefore = SSLContext.getDefault();
    ProxySelector proxyBefore = ProxySelector.getDefault();

    CliRunner r = RunCommandTests.run(Map.of("CI", "true", "HTTPS_PROXY", "http://127.0.0.1:" + closed),
        "run", "--base-url", "https://relay.example", "--api-key", "sk-ant-fake-isolation-key", "--ca-cert", ca.toString(),
        "--check", "MSG-010", "--max-cost-usd", "5", "--timeout-ms", "connect=2000", "--report-dir", dir.resolve("r").toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.out()).contains("through proxy 127.0.0.1:" + closed);
    assertThat(SSLContext.getDefault()).as("the JVM's TLS context").isSameAs(tlsBefore);
    assertThat(ProxySelector.getDefault()).as("the JVM's proxy selector").isSameAs(proxyBefore);
  }

  @Test
  void twoRunsAtOnceEachJudgeTheirOwnRecordings(@TempDir Path dir) throws Exception {
    // A: a Claude Code check selects the Claude Code recordings as well; B: the bundled ones only.
    CompletableFuture<CliRunner> a = CompletableFuture.supplyAsync(() -> RunCommandTests.run(
        "run", "--profile", "core,claude-code", "--check", "MSG-010,CC-010", "--report-dir", dir.resolve("a").toString()));
    CompletableFuture<CliRunner> b = CompletableFuture.supplyAsync(() -> RunCommandTests.run(
        "run", "--check", "MSG-010", "--report-dir", dir.resolve("b").toString()));
    CliRunner ra = a.get();
    CliRunner rb = b.get();
    assertThat(ra.exitCode()).as(ra.out() + ra.err()).isIn(ExitCodes.OK, ExitCodes.FAILED);
    assertThat(rb.exitCode()).as(rb.out() + rb.err()).isZero();

    Set<String> claudeCode = ClaudeCodeRecordings.all().stream().map(rec -> rec.scenario()).collect(Collectors.toSet());
    List<String> judgedByA = scenarios(dir.resolve("a"), "MSG-010");
    List<String> judgedByB = scenarios(dir.resolve("b"), "MSG-010");
    assertThat(judgedByA).as("run A judged the Claude Code scenarios it selected").containsAnyElementsOf(claudeCode);
    assertThat(judgedByB).as("run B judged only its own selection").isNotEmpty().doesNotContainAnyElementsOf(claudeCode);
  }

  private static List<String> scenarios(Path reportDir, String id) throws Exception {
    JsonNode report = JSON.readTree(reportDir.resolve("report.json").toFile());
    List<String> out = new ArrayList<>();
    report.path("checks").forEach(c -> {
      if (c.path("id").asText().equals(id)) c.path("scenarios").forEach(s -> out.add(s.path("id").asText()));
    });
    return out;
  }
}
