package dev.relaytck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client and run-bound options, from flags or {@code --config}, are checked before anything is sent. */
class ClientOptionsTests {
  @Test
  void badValuesAreUsageErrorsWhetherFlagsOrConfig(@TempDir Path dir) throws Exception {
    CliRunner flag = RunCommandTests.run("run", "--dry-run", "--max-body-bytes", "0", "--report-dir", dir.toString());
    assertThat(flag.exitCode()).as(flag.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(flag.err()).contains("relaytck.maxBodyBytes must be > 0");

    Path config = dir.resolve("relay-tck.yaml");
    Files.writeString(config, "http: \"3\"\ntimeout-ms: {headers: 300}\n");
    CliRunner file = RunCommandTests.run("run", "--dry-run", "--config", config.toString(), "--report-dir", dir.toString());
    assertThat(file.exitCode()).as(file.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(file.err()).contains("relaytck.http must be 1.1, 2 or auto, got '3'");

    CliRunner wins = RunCommandTests.run("run", "--dry-run", "--config", config.toString(), "--http", "2", "--report-dir", dir.toString());
    assertThat(wins.exitCode()).as("the flag wins over the file: " + wins.err()).isZero();

    CliRunner unknown = RunCommandTests.run("run", "--dry-run", "--timeout-ms", "linger=5", "--report-dir", dir.toString());
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("no timeout named 'linger'");
  }
}
