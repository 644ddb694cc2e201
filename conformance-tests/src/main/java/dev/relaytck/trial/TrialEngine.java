package dev.relaytck.trial;

import dev.relaytck.recordings.trial.SampleProject;
import dev.relaytck.recordings.trial.TrialTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs the trial's Claude Code tasks ({@link TrialTask}) one after another through the relay, each
 * in a scratch copy of the {@link SampleProject}, with the CLI talking to the relay through a
 * {@link MeteringProxy} that measures every request and holds the budget. Each task is judged from
 * what a person would check: the CLI's own success, the answer's content, and for the edit, the
 * project's tests run by the kit.
 *
 * <p>The code-reading session and its {@code --continue} share one project and HOME, since the CLI
 * resumes the latest session of the folder. The retry task needs an upstream that injects a 529 (the
 * replay upstream does); in live mode it is skipped with that reason.
 */
public final class TrialEngine {
  /** The settings of one trial: who to talk to, how, and within what. */
  public record Setup(Path cli, URI relay, Function<Path, Map<String, String>> environment, boolean hermetic,
      TrialPrices prices, double limitUsd) {}

  /** Everything the trial measured. */
  public record Result(Map<TrialTask, TaskOutcome> tasks, List<MeteredRequest> requests, double spentUsd, boolean budgetReached,
      String prices) {}

  private final Setup setup;

  public TrialEngine(Setup setup) {
    this.setup = setup;
  }

  public Result run() throws IOException, InterruptedException {
    Map<TrialTask, TaskOutcome> out = new EnumMap<>(TrialTask.class);
    Path root = Files.createTempDirectory("relay-tck-trial-");
    try (MeteringProxy proxy = new MeteringProxy(setup.relay(), setup.prices(), setup.limitUsd())) {
      ClaudeCli cli = new ClaudeCli(setup.cli());
      Path shared = workspace(root, "reading");
      for (TrialTask task : TrialTask.values()) {
        if (task == TrialTask.RETRY && !setup.hermetic()) {
          out.put(task, TaskOutcome.skipped(task.id(), "needs an upstream that answers 529 overloaded on purpose: run hermetically"
              + " (--replay) to test the retry"));
          continue;
        }
        if (proxy.budgetReached()) {
          out.put(task, TaskOutcome.skipped(task.id(), "not run: the trial's budget (--max-cost-usd) was spent"));
          continue;
        }
        Path project = task == TrialTask.READING || task == TrialTask.CONTINUE ? shared : workspace(root, task.id());
        if (task == TrialTask.CONTINUE && !out.get(TrialTask.READING).passed()) {
          out.put(task, TaskOutcome.skipped(task.id(), "not run: the code-reading session it resumes did not succeed"));
          continue;
        }
        proxy.task(task.id());
        int before = proxy.requests().size();
        Map<String, String> env = new java.util.LinkedHashMap<>(setup.environment().apply(project.resolveSibling(project.getFileName() + "-home")));
        env.put("ANTHROPIC_BASE_URL", proxy.baseUrl());
        Path stdin = task == TrialTask.LONG_CONTEXT ? project.resolve(SampleProject.LEDGER) : null;
        CliResult result = cli.run(project, env, task.prompt(project), task == TrialTask.CONTINUE, stdin);
        List<MeteredRequest> mine = proxy.requests().subList(before, proxy.requests().size());
        out.put(task, judge(task, project, result, mine));
      }
      return new Result(out, proxy.requests(), proxy.spentUsd(), proxy.budgetReached(), setup.prices().source());
    } finally {
      delete(root);
    }
  }

  private static Path workspace(Path root, String name) throws IOException {
    Path project = Files.createDirectories(root.resolve(name)).toRealPath();
    SampleProject.copyTo(project);
    Files.createDirectories(project.resolveSibling(project.getFileName() + "-home"));
    return project;
  }

  TaskOutcome judge(TrialTask task, Path project, CliResult cli, List<MeteredRequest> requests) throws IOException, InterruptedException {
    if (requests.stream().anyMatch(r -> MeteringProxy.BUDGET_REACHED.equals(r.errorType()))) {
      // Stopped by the kit, not failed by the relay: the verdict reports it as a task that did not run.
      return TaskOutcome.skipped(task.id(), "stopped: the trial's budget (--max-cost-usd) was spent during this task, after "
          + requests.size() + " request(s)");
    }
    List<String> problems = new ArrayList<>();
    if (!cli.succeeded()) problems.add(cli.failure());
    String answer = cli.text().strip();
    switch (task) {
      case QA -> {
        if (cli.succeeded() && answer.isEmpty()) problems.add("the CLI reported success with an empty answer");
      }
      case READING, CONTINUE -> {
        if (cli.succeeded() && !answer.contains(SampleProject.THRESHOLD)) {
          problems.add("the answer should name REORDER_THRESHOLD's value " + SampleProject.THRESHOLD + ", got \"" + CliResult.excerpt(answer) + "\"");
        }
      }
      case LONG_CONTEXT -> {
        if (cli.succeeded() && !answer.contains(SampleProject.VAULT_CODE)) {
          problems.add("the vault code at about two thirds of the ~60k-token ledger was not recalled (expected "
              + SampleProject.VAULT_CODE + ", got \"" + CliResult.excerpt(answer) + "\"): the prompt may have been truncated");
        }
      }
      case EDIT -> {
        String tests = nodeTest(project);
        if (tests != null) problems.add(tests);
      }
      case RETRY -> {
        List<MeteredRequest> messages = requests.stream().filter(r -> r.path().endsWith("/v1/messages")).toList();
        boolean overloaded = messages.stream().anyMatch(r -> r.status() == 529 && "overloaded_error".equals(r.errorType()));
        MeteredRequest firstError = messages.stream().filter(MeteredRequest::failed).findFirst().orElse(null);
        if (firstError != null && !overloaded) {
          problems.add("the upstream's 529 overloaded_error reached Claude Code as " + firstError.status() + " " + firstError.errorType()
              + ": Claude Code's retry and its message to the user depend on the original status and type");
        } else if (firstError == null) {
          problems.add("Claude Code never saw the upstream's 529 overloaded_error: the relay hid it (retried itself or answered"
              + " otherwise), so its retry behaviour could not be observed");
        }
      }
    }
    List<Long> ttft = requests.stream().filter(r -> r.path().endsWith("/v1/messages") && r.ttftMs() >= 0).map(MeteredRequest::ttftMs).toList();
    List<String> errors = requests.stream().filter(MeteredRequest::failed).map(r -> r.status() + " " + r.errorType()).toList();
    return new TaskOutcome(task.id(), problems.isEmpty() ? "passed" : "failed", String.join("; ", problems), cli.wallMs(),
        requests.size(), ttft, errors,
        requests.stream().mapToLong(MeteredRequest::inputTokens).sum(), requests.stream().mapToLong(MeteredRequest::outputTokens).sum(),
        requests.stream().mapToLong(MeteredRequest::cacheWriteTokens).sum(), requests.stream().mapToLong(MeteredRequest::cacheReadTokens).sum(),
        requests.stream().mapToDouble(MeteredRequest::costUsd).sum(), CliResult.excerpt(answer));
  }

  /** Runs {@code node --test} in the project; null when it passes, else what failed. */
  static String nodeTest(Path project) throws IOException, InterruptedException {
    Path log = Files.createTempFile(project.getParent(), "node-test", ".log");
    Process p = new ProcessBuilder("node", "--test").directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return "node --test did not finish within 60 s";
    }
    if (p.exitValue() == 0) return null;
    String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    String failing = out.lines().filter(l -> l.startsWith("not ok")).findFirst().orElse("exit " + p.exitValue());
    return "after the edit, node --test still fails (" + failing.strip() + "): the fix did not reach src/price.js";
  }

  private static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temp folder left behind is not the relay's fault.
    }
  }
}
