package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real, pinned Claude Code CLI (installed by tools/claude-code/install.sh into
 * .tools/claude-code) through the scripted coding session. Skipped, with the reason, when the CLI is
 * not installed on this machine.
 */
class ClaudeCodeSessionTests {

  @Test
  void theRealCliCompletesTheScriptedEditOverLoopback(@TempDir Path out) throws Exception {
    Path claude = Path.of(System.getProperty("relaytck.claudeCode",
        Path.of("..", ".tools", "claude-code", "node_modules", ".bin", "claude").toString())).toAbsolutePath();
    assumeTrue(Files.isExecutable(claude),
        "Claude Code CLI not installed at " + claude + "; run tools/claude-code/install.sh");

    int exit = CaptureClaudeCode.run(claude.toString(), out, 120, null);

    assertThat(exit).as("capture exit code (1: the session failed, see stderr)").isZero();
    JsonNode session = new ObjectMapper().readTree(out.resolve("session.json").toFile());
    assertThat(session.path("subtype").asText()).isEqualTo("success");
    assertThat(session.path("fileEdited").asBoolean()).isTrue();
    assertThat(session.path("numTurns").asInt()).isEqualTo(3);
    assertThat(out.resolve("requests/01-post-main-read.json")).exists();
    assertThat(Files.readString(out.resolve("requests/01-post-main-read.json")))
        .doesNotContain(CaptureClaudeCode.TOKEN).contains("Bearer <redacted>");
  }
}
