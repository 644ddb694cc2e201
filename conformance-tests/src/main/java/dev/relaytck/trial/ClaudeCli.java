package dev.relaytck.trial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the pinned Claude Code CLI in print mode, as CC-140 does (docs/claude-code.md): an emptied
 * environment given by the caller (the relay's URL, the credential, nonessential traffic off),
 * {@code --output-format json --permission-mode acceptEdits}, the project as working directory, and a
 * bound on its wall time; stdin is a file (the ledger for long-context recall) or empty.
 */
public final class ClaudeCli {
  static final long TIMEOUT_SECONDS = 180;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path executable;

  public ClaudeCli(Path executable) {
    this.executable = executable;
  }

  public CliResult run(Path project, Map<String, String> env, String prompt, boolean resume, Path stdin)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "-p"));
    if (resume) command.add("--continue");
    command.addAll(List.of(prompt, "--output-format", "json", "--permission-mode", "acceptEdits"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Path out = Files.createTempFile(project.getParent(), "cli", ".out");
    Path err = Files.createTempFile(project.getParent(), "cli", ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from((stdin == null ? Path.of("/dev/null") : stdin).toFile()));
    long t0 = System.nanoTime();
    Process process = builder.start();
    boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    long wall = (System.nanoTime() - t0) / 1_000_000;
    String stdout = bounded(out);
    return new CliResult(finished ? process.exitValue() : null, !finished, lastJson(stdout), CliResult.excerpt(bounded(err)), wall);
  }

  /** At most 1 MB of an output file: a runaway CLI cannot exhaust the kit's memory. */
  private static String bounded(Path file) throws IOException {
    byte[] all = Files.size(file) > 1_048_576 ? Files.newInputStream(file).readNBytes(1_048_576) : Files.readAllBytes(file);
    return new String(all, StandardCharsets.UTF_8);
  }

  /** The CLI's JSON result: the last line of its output that parses as a JSON object (empty object when none). */
  public static JsonNode lastJson(String out) {
    String[] lines = out.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (!line.startsWith("{")) continue;
      try {
        return JSON.readTree(line);
      } catch (IOException notJson) {
        // keep looking: the result is the last JSON line
      }
    }
    return JSON.createObjectNode();
  }
}
