package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTests {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = new CommandLine(new RelayTck());
      cli.setErr(new PrintWriter(System.err, true));
      return ExitCodes.execute(cli, args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void importsTheBundledSelectionFromTheCorpus(@TempDir Path dir) throws IOException {
    String corpus = System.getProperty("relaytck.corpusDir");
    Assumptions.assumeTrue(corpus != null && Files.isRegularFile(Path.of(corpus, "manifest.json")),
        "skipped: no corpus at relaytck.corpusDir=" + corpus);

    int code = run("import", "--corpus", corpus, "--out", dir.toString());

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("captured").contains("derived");
    assertThat(dir.resolve("mappings/text-stream.json")).exists();
    assertThat(dir.resolve("NOTICE.md")).exists();
  }

  @Test
  void aMissingCorpusIsAUsageErrorInOneLine(@TempDir Path dir) {
    int code = run("import", "--corpus", dir.resolve("nowhere").toString(), "--out", dir.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("relay-tck import: --corpus").doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void aFolderWithoutManifestOrABadSelectionIsAUsageError(@TempDir Path dir) throws IOException {
    assertThat(run("import", "--corpus", dir.toString(), "--out", dir.resolve("out").toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no manifest.json");

    Path selection = Files.writeString(dir.resolve("selection.json"), "{ broken");
    Files.writeString(dir.resolve("manifest.json"), "[]");
    err.reset();
    assertThat(run("import", "--corpus", dir.toString(), "--out", dir.resolve("out").toString(), "--selection", selection.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unreadable import selection");
  }

  @Test
  void missingOptionsAreUsageErrors() {
    assertThat(run("import", "--corpus", "x")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out");
  }
}
