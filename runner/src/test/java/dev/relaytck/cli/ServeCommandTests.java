package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code relay-tck serve}: the printed URL, a clean stop on SIGTERM, and one clear line with exit 2 for bad input. */
class ServeCommandTests {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RelayTck());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = ExitCodes.execute(cli, args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aPortInUseIsOneLineAndExit2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Run run = run("serve", "--port", Integer.toString(taken.getLocalPort()));

      assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines().toList()).hasSize(1)
          .first().asString().startsWith("relay-tck serve: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void aMissingRecordingsFolderIsOneLineAndExit2(@TempDir Path dir) {
    Run run = run("serve", "--recordings", dir.resolve("nope").toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines().toList()).containsExactly("relay-tck serve: --recordings " + dir.resolve("nope") + ": no such folder");
  }

  @Test
  void aMalformedRecordingIsOneLineAndExit2(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.writeString(dir.resolve("mappings/broken.json"), "{\"request\": ", StandardCharsets.UTF_8);

    Run run = run("serve", "--recordings", dir.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines().toList()).hasSize(1).first().asString().startsWith("relay-tck serve: ").contains("broken.json");
  }

  @Test
  void aMalformedModelMapSaysWhatFormatItWants() {
    Run run = run("serve", "--model-map", "foo");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).containsExactly(
        "relay-tck serve: --model-map takes RECORDED=SENT pairs separated by commas (e.g. --model-map claude-a=relay-name-a), got 'foo'");
  }

  @Test
  void aNegativeTimeScaleIsAUsageError() {
    Run run = run("serve", "--time-scale", "-1");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--time-scale must be a number >= 0");
  }

  @Test
  void servesUntilSigtermAndPrintsExactlyTheUrl(@TempDir Path dir) throws Exception {
    Path portFile = dir.resolve("serve.port");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        RelayTck.class.getName(), "serve", "--port", "0", "--time-scale", "0", "--port-file", portFile.toString()).start();
    // Drained from the start: destroy() closes the process's streams.
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        return "";
      }
    });
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return stdout.readLine();
        } catch (java.io.IOException e) {
          return null;
        }
      }).get(60, TimeUnit.SECONDS);
      assertThat(line).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      String base = line.substring("listening on ".length());
      assertThat(Files.readString(portFile).trim()).isEqualTo(base.substring(base.lastIndexOf(':') + 1));

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      var info = http.send(HttpRequest.newBuilder(URI.create(base + "/__admin/relay-tck/info")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(info.statusCode()).isEqualTo(200);
      assertThat(info.body()).contains("\"timeScale\":0.0").contains("\"scenario\":\"text-stream\"");
      var models = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).header("x-api-key", "k")
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).isEqualTo(200);

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
      assertThat(stderr.get(10, TimeUnit.SECONDS)).contains("recordings, time scale 0.0").doesNotContain("Exception");
      assertThat(process.exitValue()).as("SIGTERM is the documented way to stop: exit 0").isZero();
    } finally {
      process.destroyForcibly();
    }
  }
}
