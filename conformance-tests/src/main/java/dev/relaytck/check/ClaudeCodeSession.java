package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.CcCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.recordings.record.ScriptedSessionPrompt;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CC-140: the real, pinned Claude Code CLI runs the scripted coding session (read a file, edit it,
 * answer) through the relay, which fronts the replay upstream; the upstream recognises the CLI's
 * requests by content (the prompt names the sample file) and answers with the script. Passes when
 * the CLI exits 0, its JSON result says success and the file on disk was edited.
 *
 * <p>The CLI gets an emptied environment: the relay's URL and the target's credential, telemetry,
 * error reporting, auto-update and nonessential traffic off, so nothing leaves loopback. It is
 * found at {@value #CLI_KEY} or in {@code .tools/claude-code} of the checkout
 * ({@code tools/claude-code/install.sh}); without it the check is skipped with that reason.
 */
final class ClaudeCodeSession {
  /** Configuration key (system property or JUnit parameter) naming the claude executable. */
  static final String CLI_KEY = "relaytck.claudeCode";
  static final long TIMEOUT_SECONDS = 180;

  private ClaudeCodeSession() {}

  static Verdict evaluate(Probe p) {
    Optional<Path> cli = locate();
    if (cli.isEmpty()) {
      return Verdict.skip("the Claude Code CLI is not installed: run tools/claude-code/install.sh (installs into .tools/claude-code)"
          + " or set -D" + CLI_KEY + "=PATH");
    }
    p.run().client().budget().admit(); // the CLI's own calls are not the kit's client's: the run's bound still holds
    return run(cli.get(), p.config());
  }

  static Optional<Path> locate() {
    String configured = System.getProperty(CLI_KEY);
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(".tools/claude-code/node_modules/.bin/claude");
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  static Verdict run(Path cli, TargetConfig config) {
    Path root = null;
    try {
      root = Files.createTempDirectory("relay-tck-cc-");
      Path home = Files.createDirectories(root.resolve("home"));
      Path project = Files.createDirectories(root.resolve("project"));
      Path file = Files.createDirectories(project.resolve("src")).resolve("Greeting.java");
      Files.writeString(file, ScriptedSessionPrompt.SAMPLE, StandardCharsets.UTF_8);
      file = file.toRealPath();

      ProcessBuilder builder = new ProcessBuilder(cli.toString(), "-p", ScriptedSessionPrompt.prompt(file),
          "--output-format", "json", "--permission-mode", "acceptEdits");
      builder.directory(project.toFile());
      builder.environment().clear();
      builder.environment().putAll(environment(config, home));
      Path stdout = root.resolve("cli.stdout");
      Path stderr = root.resolve("cli.stderr");
      builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      long t0 = System.nanoTime();
      Process process = builder.start();
      boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("cli", cli.toString());
      evidence.put("durationMs", ms);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String out = Files.readString(stdout, StandardCharsets.UTF_8);
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      JsonNode result = lastJson(out);
      boolean edited = Files.readString(file, StandardCharsets.UTF_8).contains(ScriptedSessionPrompt.EDITED);
      evidence.put("exitCode", finished ? process.exitValue() : "timeout");
      evidence.put("subtype", result.path("subtype").asText("none"));
      evidence.put("isError", result.path("is_error").asBoolean(true));
      evidence.put("numTurns", result.path("num_turns").asInt());
      evidence.put("result", excerpt(result.path("result").asText(out)));
      evidence.put("fileEdited", edited);
      if (!err.isBlank()) evidence.put("stderr", excerpt(err));

      List<Violation> v = new ArrayList<>();
      if (!finished) {
        v.add(Violation.of(CcCheck.CC_140, Location.NONE, "the CLI did not finish within " + TIMEOUT_SECONDS + " s",
            "exit within " + TIMEOUT_SECONDS + " s", "still running; killed"));
      } else if (process.exitValue() != 0 || !"success".equals(result.path("subtype").asText()) || result.path("is_error").asBoolean(true)) {
        v.add(Violation.of(CcCheck.CC_140, Location.NONE, "the Claude Code session failed through the relay: "
            + excerpt(result.path("result").asText(out.isBlank() ? err : out)),
            "exit 0 with subtype success", "exit " + process.exitValue() + ", subtype " + result.path("subtype").asText("none")
                + ", is_error " + result.path("is_error").asBoolean(true)));
      }
      if (v.isEmpty() && !edited) {
        v.add(Violation.of(CcCheck.CC_140, Location.NONE, "the CLI reported success but the sample file was not edited (the Edit tool got"
            + " no usable input: a relay that breaks input_json_delta does this)", ScriptedSessionPrompt.EDITED, "the original text"));
      }
      return Verdict.of(v, "Claude Code completed the scripted session in " + ms + " ms (" + result.path("num_turns").asInt()
          + " turns) and edited the file", evidence);
    } catch (IOException e) {
      return Verdict.inconclusive("the Claude Code session could not be run: " + e.getMessage(), Map.of("cli", cli.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Verdict.inconclusive("interrupted while the Claude Code session ran", Map.of());
    } finally {
      delete(root);
    }
  }

  /** Nothing of the caller's environment (other keys, proxies, config folders) reaches the CLI. */
  static Map<String, String> environment(TargetConfig config, Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("TERM", "dumb");
    env.put("ANTHROPIC_BASE_URL", config.baseUrl().toString().replaceAll("/+$", ""));
    switch (config.authStyle()) {
      case API_KEY -> env.put("ANTHROPIC_API_KEY", config.secret().reveal());
      case BEARER -> env.put("ANTHROPIC_AUTH_TOKEN", config.secret().reveal());
      case NONE -> env.put("ANTHROPIC_AUTH_TOKEN", "relay-tck-no-credential");
    }
    if (config.model() != null) env.put("ANTHROPIC_MODEL", config.model());
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    // A failing relay should fail the check quickly, not after ten backed-off retries.
    env.put("CLAUDE_CODE_MAX_RETRIES", "1");
    return env;
  }

  private static JsonNode lastJson(String out) {
    return dev.relaytck.trial.ClaudeCli.lastJson(out);
  }

  private static String excerpt(String s) {
    String one = s.strip().replaceAll("\\s+", " ");
    return one.length() <= 300 ? one : one.substring(0, 300) + "…";
  }

  private static void delete(Path root) {
    if (root == null) return;
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temp folder left behind is not the relay's fault.
    }
  }
}
