package dev.relaytck.report;

import dev.relaytck.catalog.Check;
import dev.relaytck.outcome.CheckResult;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the run tells the console while it works. The suite calls {@link #runStarted} once, then
 * {@link #checkStarted} and {@link #checkFinished} for every check, then {@link #runFinished}.
 * Implementations must be cheap and never throw; calls come from one thread at a time.
 */
public interface ProgressListener {
  void runStarted(int totalChecks);

  void checkStarted(Check check);

  void checkFinished(CheckResult result);

  void runFinished();

  ProgressListener NONE = new ProgressListener() {
    @Override public void runStarted(int totalChecks) {}
    @Override public void checkStarted(Check check) {}
    @Override public void checkFinished(CheckResult result) {}
    @Override public void runFinished() {}
  };

  /**
   * A live status line on an interactive terminal; plain lines, one per check, when the output
   * is not a terminal or {@code CI=true} (CI logs keep every carriage return as a new line).
   *
   * @param interactive whether the output is a terminal ({@code System.console() != null})
   * @param scrubber masks secrets in the failure messages printed (relays echo keys)
   */
  static ProgressListener forConsole(PrintStream out, boolean interactive, Map<String, String> env, SecretScrubber scrubber) {
    return forConsole(out, interactive, env, scrubber, System::nanoTime);
  }

  static ProgressListener forConsole(
      PrintStream out, boolean interactive, Map<String, String> env, SecretScrubber scrubber, LongSupplier nanoClock) {
    boolean ci = "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
    boolean dumb = "dumb".equals(env.get("TERM"));
    return interactive && !ci && !dumb ? new TerminalProgress(out, scrubber, nanoClock) : new PlainProgress(out, scrubber, nanoClock);
  }
}
