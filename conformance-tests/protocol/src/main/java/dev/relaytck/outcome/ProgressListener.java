package dev.relaytck.outcome;

import dev.relaytck.catalog.Check;

/**
 * What a run tells the console while it works. The suite (or the runner's bridge from the JUnit
 * Launcher) calls {@link #runStarted} once, then {@link #checkStarted} and {@link #checkFinished}
 * for every check, then {@link #runFinished}. Implementations must be cheap and never throw;
 * calls come from one thread at a time. The console implementations live in the runner
 * ({@code dev.relaytck.report.ConsoleProgress}).
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
}
