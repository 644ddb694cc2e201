package dev.relaytck.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.relaytck.relay.TestRelay;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI recipes of docs/ci.md run as written: their shell steps, taken from the workflow files
 * the page shows, run with bash in a workspace holding the example settings and waivers, against
 * the suite's faithful test relay as "the gateway under test". Only what needs a hosted CI is left
 * out: `uses:` actions and the step that clones and builds the kit (here `relay-tck` is the kit
 * on the test class path). The first run certifies core; a second, with the first report as the
 * baseline, must not make `diff` fail (identical runs never regress).
 */
class CiRecipesTests {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CI = ROOT.resolve("docs/ci");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path workspace;

  @Test
  void theCiPageShowsTheRecipeFilesVerbatim() throws IOException {
    String page = Files.readString(ROOT.resolve("docs/ci.md"));
    for (String file : List.of("github-actions.yml", "gitlab-ci.yml", "relay-tck.yaml", "relay-tck-waivers.yaml")) {
      assertThat(page).as(file + " is shown whole in docs/ci.md").contains(Files.readString(CI.resolve(file)));
    }
  }

  @Test
  void theGithubActionsWorkflowRunsAndCertifiesAndAnIdenticalRunIsNoRegression() throws Exception {
    assumeTrue(onPath("bash") && onPath("curl"), "bash and curl are needed to run the recipe's shell steps");
    prepareWorkspace();
    JsonNode job = YAML.readTree(CI.resolve("github-actions.yml").toFile()).path("jobs").path("relay-tck");
    Map<String, String> env = baseEnv();
    job.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    env.put("GATEWAY_PORT", Integer.toString(freePort()));

    List<String> log = runGithubSteps(job, env);
    assertThat(log).as("every step succeeded").allMatch(l -> l.endsWith("exit 0"));
    JsonNode report = new ObjectMapper().readTree(workspace.resolve("relay-tck-report/report.json").toFile());
    assertThat(report.path("certified").toString()).as("the example settings can certify").contains("\"core\"");

    Files.createDirectories(workspace.resolve("baseline"));
    Files.copy(workspace.resolve("relay-tck-report/report.json"), workspace.resolve("baseline/report.json"));
    env.put("GATEWAY_PORT", Integer.toString(freePort()));
    List<String> again = runGithubSteps(job, env);
    assertThat(again).as("the second run and its diff against the first succeed").allMatch(l -> l.endsWith("exit 0"));
  }

  @Test
  void theGitlabJobRunsAndCertifies() throws Exception {
    assumeTrue(onPath("bash") && onPath("curl"), "bash and curl are needed to run the recipe's shell steps");
    prepareWorkspace();
    JsonNode job = YAML.readTree(CI.resolve("gitlab-ci.yml").toFile()).path("relay-tck");
    Map<String, String> env = baseEnv();
    job.path("variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    env.put("GATEWAY_PORT", Integer.toString(freePort()));
    // GitLab runs the script lines in one shell, stopping at the first failing line.
    StringBuilder script = new StringBuilder("set -e\n");
    job.path("script").forEach(line -> script.append(line.asText()).append('\n'));
    StringBuilder after = new StringBuilder();
    job.path("after_script").forEach(line -> after.append(line.asText()).append('\n'));
    try {
      assertThat(bash(script.toString(), env)).isZero();
    } finally {
      bash(after.toString(), env);
    }
    JsonNode report = new ObjectMapper().readTree(workspace.resolve("relay-tck-report/report.json").toFile());
    assertThat(report.path("certified").toString()).contains("\"core\"");
  }

  /** Runs every `run:` step but the kit's own build, as GitHub does: one shell each, `$GITHUB_ENV` carried forward. */
  private List<String> runGithubSteps(JsonNode job, Map<String, String> env) throws Exception {
    Path githubEnv = workspace.resolve("github.env");
    Files.writeString(githubEnv, "");
    env.put("GITHUB_ENV", githubEnv.toString());
    List<String> log = new ArrayList<>();
    boolean failed = false;
    for (JsonNode step : job.path("steps")) {
      if (!step.has("run") || "relay-tck-build".equals(step.path("id").asText())) continue;
      boolean always = step.path("if").asText().contains("always()");
      if (failed && !always) continue;
      Map<String, String> stepEnv = new HashMap<>(env);
      step.path("env").fields().forEachRemaining(e -> stepEnv.put(e.getKey(), e.getValue().asText()
          .replace("${{ secrets.GATEWAY_TEST_KEY }}", TestRelay.CLIENT_KEY)));
      int exit = bash(step.path("run").asText(), stepEnv);
      log.add(step.path("name").asText() + ": exit " + exit);
      failed |= exit != 0;
      for (String line : Files.readAllLines(githubEnv)) {
        int eq = line.indexOf('=');
        if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return log;
  }

  private void prepareWorkspace() throws IOException {
    Files.copy(CI.resolve("relay-tck.yaml"), workspace.resolve(".relay-tck.yaml"));
    Files.copy(CI.resolve("relay-tck-waivers.yaml"), workspace.resolve("relay-tck-waivers.yaml"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path bin = Files.createDirectories(workspace.resolve("bin"));
    executable(bin.resolve("relay-tck"), "exec '" + java + "' -cp \"$CI_TEST_CLASSPATH\" dev.relaytck.cli.RelayTck \"$@\"\n");
    executable(Files.createDirectories(workspace.resolve("scripts")).resolve("start-gateway"),
        "exec '" + java + "' -cp \"$CI_TEST_CLASSPATH\" " + CiGateway.class.getName() + " \"$@\"\n");
  }

  private Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", workspace.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
    env.put("HOME", workspace.toString());
    env.put("CI", "true");
    env.put("CI_TEST_CLASSPATH", System.getProperty("java.class.path"));
    env.put("GATEWAY_TEST_KEY", TestRelay.CLIENT_KEY);
    return env;
  }

  private int bash(String script, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", script).directory(workspace.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(workspace.resolve("steps.log").toFile()));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("a recipe step ran over 180 s; its output:\n" + Files.readString(workspace.resolve("steps.log")));
    }
    if (p.exitValue() != 0) System.out.println(Files.readString(workspace.resolve("steps.log"), StandardCharsets.UTF_8));
    return p.exitValue();
  }

  private static void executable(Path file, String body) throws IOException {
    Files.writeString(file, "#!/usr/bin/env bash\n" + body);
    file.toFile().setExecutable(true);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }
}
