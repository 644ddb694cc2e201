package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real, pinned Claude Code CLI (installed by tools/claude-code/install.sh into
 * .tools/claude-code) through the scripted coding session. Skipped, with the reason, when the CLI (or
 * tmux, for the interactive session) is not installed on this machine.
 */
class ClaudeCodeSessionTests {

  private static CaptureClaudeCode.Options options() {
    Path claude = Path.of(System.getProperty("relaytck.claudeCode",
        Path.of("..", ".tools", "claude-code", "node_modules", ".bin", "claude").toString())).toAbsolutePath();
    assumeTrue(Files.isExecutable(claude),
        "Claude Code CLI not installed at " + claude + "; run tools/claude-code/install.sh");
    CaptureClaudeCode.Options options = new CaptureClaudeCode.Options();
    options.claude = claude.toString();
    options.timeoutSeconds = 120;
    // Where strace exists, any connect() off loopback (DNS included) fails the session.
    options.strace = Files.isExecutable(Path.of("/usr/bin/strace")) ? "/usr/bin/strace" : null;
    return options;
  }

  @Test
  void theRealCliCompletesTheScriptedEditWithPrintOutput(@TempDir Path out) throws Exception {
    int exit = CaptureClaudeCode.run(options(), CaptureClaudeCode.Mode.PRINT, out);

    assertThat(exit).as("capture exit code (1: the session failed, see stderr)").isZero();
    JsonNode session = new ObjectMapper().readTree(out.resolve("session.json").toFile());
    assertThat(session.path("exitCode").asInt(-1)).isZero();
    assertThat(session.path("subtype").asText()).isEqualTo("success");
    assertThat(session.path("fileEdited").asBoolean()).isTrue();
    assertThat(session.path("numTurns").asInt()).isEqualTo(3);
    assertThat(session.path("nonLoopbackConnects")).isEmpty();
    assertThat(Files.readString(out.resolve("requests/01-post-main-read.json")))
        .doesNotContain(CaptureClaudeCode.TOKEN).contains("Bearer <redacted>");
  }

  @Test
  void theRealCliCompletesTheScriptedEditInItsTerminalInterface(@TempDir Path out) throws Exception {
    CaptureClaudeCode.Options options = options();
    options.tmux = Stream.of("/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux")
        .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    assumeTrue(options.tmux != null, "tmux not installed; the interactive session needs a terminal");

    int exit = CaptureClaudeCode.run(options, CaptureClaudeCode.Mode.INTERACTIVE, out);

    assertThat(exit).as("capture exit code (1: the session failed, see stderr)").isZero();
    JsonNode session = new ObjectMapper().readTree(out.resolve("session.json").toFile());
    assertThat(session.path("subtype").asText()).isEqualTo("success");
    assertThat(session.path("fileEdited").asBoolean()).isTrue();
    assertThat(session.path("numTurns").asInt()).isEqualTo(3);
    assertThat(session.path("nonLoopbackConnects")).isEmpty();
  }
}
