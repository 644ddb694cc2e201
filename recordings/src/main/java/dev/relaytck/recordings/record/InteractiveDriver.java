package dev.relaytck.recordings.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Runs the Claude Code CLI in its interactive terminal interface inside a private tmux server, reads
 * the screen and answers the first-run dialogs (text style, security notes, folder trust), types the
 * prompt, waits until the scripted session has finished, and exits with /exit.
 *
 * <p>Interactive sessions send a different request shape from {@code -p} (user agent entrypoint,
 * more betas, a safeguards context, more tools), which is what most users' relays carry.
 */
final class InteractiveDriver implements AutoCloseable {

  private static final long COMMAND_TIMEOUT_SECONDS = 10;

  private final String tmux;
  private final String socket;
  private final Map<String, String> environment;
  private String lastScreen = "";

  InteractiveDriver(String tmux, String socket, Map<String, String> environment) {
    this.tmux = tmux;
    this.socket = socket;
    this.environment = environment;
  }

  /**
   * @param done true once the server has answered the session's last turn
   * @param finalText the text of the last turn, awaited on screen before exiting
   * @param followUps slash commands typed after the last turn (such as /context, which counts tokens)
   * @param requests how many requests the server has seen so far
   * @return the last screen seen, for the report
   */
  String run(List<String> command, Path workingDirectory, String prompt, BooleanSupplier done, String finalText,
      List<String> followUps, IntSupplier requests, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> start = new ArrayList<>(List.of("new-session", "-d", "-s", "cc", "-x", "200", "-y", "50", "-c",
        workingDirectory.toString(), "--"));
    start.addAll(command);
    tmux(start);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    boolean prompted = false;
    long doneAt = 0;
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      String screen = screen();
      if (screen == null) {
        return lastScreen; // the CLI exited on its own
      }
      lastScreen = screen;
      if (prompted) {
        if (doneAt == 0 && done.getAsBoolean()) {
          doneAt = System.nanoTime();
        }
        // Exit once the final text is on screen (or a while after the last answer if it never shows),
        // leaving time for the turn to render and any follow-up background call to go out.
        boolean shown = screen.replaceAll("\\s+", " ").contains(finalText);
        if (doneAt != 0 && (shown || System.nanoTime() - doneAt > TimeUnit.SECONDS.toNanos(15))) {
          Thread.sleep(2000);
          String settled = screen();
          lastScreen = settled == null ? lastScreen : settled;
          for (String followUp : followUps) {
            runCommand(followUp, requests);
          }
          keys("/exit");
          keys("Enter");
          waitForExit(15);
          return lastScreen;
        }
      } else if (screen.contains("Yes, I trust this folder")) {
        keys("Down");
        keys("Enter");
        Thread.sleep(1500);
      } else if (screen.contains("Choose the text style") || screen.contains("Press Enter to continue")) {
        keys("Enter");
        Thread.sleep(1500);
      } else if (screen.contains("⏵⏵") || screen.contains("? for shortcuts")) {
        Thread.sleep(1000);
        tmux(List.of("send-keys", "-t", "cc", "-l", prompt));
        Thread.sleep(500);
        keys("Enter");
        prompted = true;
      }
    }
    return lastScreen + "\n[timed out after " + timeoutSeconds + " s]";
  }

  /**
   * Types a slash command and waits until the CLI has stopped sending requests for it (no new request
   * for 3 s, at most 30 s), then dismisses whatever it displayed.
   */
  private void runCommand(String command, IntSupplier requests) throws IOException, InterruptedException {
    int before = requests.getAsInt();
    tmux(List.of("send-keys", "-t", "cc", "-l", command));
    Thread.sleep(500);
    keys("Enter");
    long quietSince = System.nanoTime();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int seen = before;
    while (System.nanoTime() < until && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
      Thread.sleep(250);
      int now = requests.getAsInt();
      if (now != seen) {
        seen = now;
        quietSince = System.nanoTime();
      }
    }
    keys("Escape");
    Thread.sleep(1000);
  }

  private void waitForExit(int seconds) throws IOException, InterruptedException {
    for (int i = 0; i < seconds * 2 && screen() != null; i++) {
      Thread.sleep(500);
    }
  }

  /** The visible screen, or null once the session is gone. */
  private String screen() throws IOException, InterruptedException {
    Result result = tmux(List.of("capture-pane", "-p", "-t", "cc"));
    return result.exit() == 0 ? result.output() : null;
  }

  private void keys(String key) throws IOException, InterruptedException {
    tmux(List.of("send-keys", "-t", "cc", key));
  }

  private record Result(int exit, String output) {}

  private Result tmux(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(tmux, "-L", socket, "-f", "/dev/null"));
    command.addAll(arguments);
    Path output = Files.createTempFile("relay-tck-tmux-", ".txt");
    try {
      // Output to a file, not a pipe, so a stuck tmux cannot block the read past the timeout.
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("tmux " + arguments.get(0) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    tmux(List.of("kill-server"));
  }
}
