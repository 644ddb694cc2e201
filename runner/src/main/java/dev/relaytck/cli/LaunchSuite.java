package dev.relaytck.cli;

import dev.relaytck.outcome.ProgressListener;

/**
 * The step that runs the checks: the shipped suite through the JUnit Platform Launcher, given
 * the run's parameters and its recordings, reporting progress as each check ends.
 */
final class LaunchSuite {
  private LaunchSuite() {}

  /** What the suite found, and how long it took. */
  record Launched(SuiteLauncher.Outcome outcome, java.time.Instant started, long durationMs) {}

  static Launched launch(RunPlan plan, StartTarget.Started target, ProgressListener progress) {
    java.time.Instant started = java.time.Instant.now();
    long t0 = System.nanoTime();
    SuiteLauncher.Outcome outcome = SuiteLauncher.run(target.parameters(), plan.recordings(), progress);
    return new Launched(outcome, started, (System.nanoTime() - t0) / 1_000_000);
  }
}
