package dev.relaytck.report;

import dev.relaytck.outcome.ProgressListener;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongSupplier;

/** Chooses how a run shows progress on the console. */
public final class ConsoleProgress {
  private ConsoleProgress() {}

  /**
   * A live status line on an interactive terminal; plain lines, one per check, when the output
   * is not a terminal, {@code CI=true} or {@code TERM=dumb} (CI logs keep every carriage return
   * as a new line).
   *
   * @param interactive whether the output is a terminal ({@code System.console() != null})
   * @param scrubber masks secrets in the failure messages printed (relays echo keys)
   */
  public static ProgressListener create(PrintStream out, boolean interactive, Map<String, String> env, SecretScrubber scrubber) {
    return create(out, interactive, env, scrubber, System::nanoTime);
  }

  static ProgressListener create(
      PrintStream out, boolean interactive, Map<String, String> env, SecretScrubber scrubber, LongSupplier nanoClock) {
    boolean ci = "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
    boolean dumb = "dumb".equals(env.get("TERM"));
    return interactive && !ci && !dumb ? new TerminalProgress(out, scrubber, nanoClock) : new PlainProgress(out, scrubber, nanoClock);
  }
}
