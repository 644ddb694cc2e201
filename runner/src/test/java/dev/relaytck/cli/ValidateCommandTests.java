package dev.relaytck.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code relay-tck validate} end to end: the exit codes of the command-line contract and what it prints. */
class ValidateCommandTests {
  /** The bundled example: a real recorded stream (docs/examples/README.md). */
  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "text-stream.sse");

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RelayTck());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = ExitCodes.execute(cli, args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private static String example() throws IOException {
    return Files.readString(EXAMPLE, UTF_8);
  }

  @Test
  void bundledExampleIsClean() {
    Run run = run("validate", EXAMPLE.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("SSE stream, 10 events, 1839 bytes: clean")
        .contains("stop_reason end_turn, content [text]");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aDashReadsStandardInput() throws IOException {
    ValidateCommand command = new ValidateCommand();
    command.stdin = new java.io.ByteArrayInputStream(Files.readAllBytes(EXAMPLE));
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(ExitCodes.execute(cli, new String[] {"-"})).isZero();
    assertThat(out.toString()).contains("-: SSE stream, 10 events, 1839 bytes: clean");
  }

  @Test
  void violationsExitOneWithIdEventOffsetExpectedActual() throws IOException {
    String body = example();
    body = body.substring(0, body.indexOf("event: message_stop"));
    Path file = write("cut.sse", body.getBytes(UTF_8));
    Run run = run("validate", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("1 MUST and 0 SHOULD violation(s)")
        .containsPattern("MUST +SSE-070 event #8, byte \\d+: the stream ends after \"message_delta\" \\(event #8\\) without message_stop "
            + "\\(expected message_stop, got end of stream after message_delta\\)");
  }

  @Test
  void jsonBodiesAndGzipAreDetected() throws IOException {
    Path json = write("error.json", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}".getBytes(UTF_8));
    Path gz = dir.resolve("stream.sse.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(EXAMPLE));
    }
    Run run = run("validate", json.toString(), gz.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("JSON body, ").contains("error: overloaded_error: Overloaded").contains("SSE stream, 10 events");
  }

  @Test
  void infoFindingsDoNotFail() throws IOException {
    String body = example().replace("\"text\":\"\"}", "\"text\":\"\",\"brand_new\":true}")
        .replace("event: ping", "event: future_event\ndata: {\"type\":\"future_event\"}\n\nevent: ping");
    Run run = run("validate", write("new.sse", body.getBytes(UTF_8)).toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("clean, 2 INFO finding(s)").contains("INFO   EVT-120").contains("future_event").contains("brand_new");
  }

  @Test
  void shouldFailuresFailOnlyWhenStrict() throws IOException {
    Path file = write("fffd.sse", example().replace("\uD83E\uDD85", "\uFFFD").getBytes(UTF_8));
    assertThat(run("validate", file.toString()).exit()).isZero();
    Run strict = run("validate", "--strict", file.toString());
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).contains("SHOULD SSE-055 event #6");
  }

  @Test
  void unreadableInputExitsTwoWithOneLineEach() throws IOException {
    Path empty = write("empty.sse", new byte[0]);
    Path binary = write("blob.bin", new byte[] {0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0});
    Path garbage = write("page.html", "<!doctype html><p>Bad gateway".getBytes(UTF_8));
    Run run = run("validate", EXAMPLE.toString(), empty.toString(), binary.toString(), garbage.toString(),
        dir.resolve("missing.sse").toString(), dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(5).allSatisfy(line -> assertThat(line).doesNotContain("Exception").doesNotContain("\tat "));
    assertThat(run.err()).contains("empty.sse: cannot validate: the file is empty")
        .contains("blob.bin: cannot validate: the file is binary")
        .contains("page.html: cannot validate: neither an SSE stream")
        .contains("missing.sse: no such file")
        .contains("it is a directory");
    assertThat(run.out()).contains("text-stream.sse: SSE stream");
  }

  @Test
  void noFileIsAUsageError() {
    Run run = run("validate");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void helpListsExitCodes() {
    Run run = run("validate", "--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Exit codes:").contains("2   usage error").contains("--strict");
  }
}
