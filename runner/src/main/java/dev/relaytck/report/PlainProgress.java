package dev.relaytck.report;

import dev.relaytck.catalog.Check;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** One line per finished check, for CI logs and pipes: {@code [ 3/41] SSE-020 failed (2.4 s): reason}. */
final class PlainProgress implements ProgressListener {
  private final PrintStream out;
  private final SecretScrubber scrubber;
  private final LongSupplier nanoClock;
  private int total;
  private int done;
  private long startedNanos;

  PlainProgress(PrintStream out, SecretScrubber scrubber, LongSupplier nanoClock) {
    this.out = out;
    this.scrubber = scrubber;
    this.nanoClock = nanoClock;
  }

  @Override
  public void runStarted(int totalChecks) {
    total = totalChecks;
    done = 0;
    startedNanos = nanoClock.getAsLong();
    out.println("relay-tck: running " + totalChecks + " checks");
  }

  @Override
  public void checkStarted(Check check) {}

  @Override
  public void checkFinished(CheckResult result) {
    done++;
    String width = String.valueOf(Math.max(total, done)).length() + "";
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%" + width + "d/%d] %s %s (%s s)",
        done, Math.max(total, done), result.check().id(), result.waived() ? "waived" : result.outcome().wireName(),
        Elapsed.seconds(nanoClock.getAsLong() - startedNanos)));
    if (result.outcome() != dev.relaytck.outcome.Outcome.PASSED && result.message() != null) {
      line.append(": ").append(EvidenceText.oneLine(scrubber.scrub(result.message()), 160));
    }
    out.println(line);
  }

  @Override
  public void runFinished() {
    out.println("relay-tck: " + done + " checks done in " + Elapsed.seconds(nanoClock.getAsLong() - startedNanos) + " s");
  }
}
