package dev.relaytck.report;

import dev.relaytck.catalog.Check;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.ProgressListener;
import dev.relaytck.outcome.Outcome;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A status line rewritten in place ({@code \r} and erase-line): which check runs, how many are
 * left, elapsed time. Failures are printed above it as permanent lines so they stay visible.
 */
final class TerminalProgress implements ProgressListener {
  private static final String ERASE_LINE = "\r\u001b[2K";
  private final PrintStream out;
  private final SecretScrubber scrubber;
  private final LongSupplier nanoClock;
  private int total;
  private int done;
  private long startedNanos;

  TerminalProgress(PrintStream out, SecretScrubber scrubber, LongSupplier nanoClock) {
    this.out = out;
    this.scrubber = scrubber;
    this.nanoClock = nanoClock;
  }

  @Override
  public void runStarted(int totalChecks) {
    total = totalChecks;
    done = 0;
    startedNanos = nanoClock.getAsLong();
  }

  @Override
  public void checkStarted(Check check) {
    out.print(ERASE_LINE + String.format(Locale.ROOT, "%s %s · %d left · %s s",
        check.id(), EvidenceText.oneLine(check.spec().title(), 60), Math.max(0, total - done),
        Elapsed.seconds(nanoClock.getAsLong() - startedNanos)));
    out.flush();
  }

  @Override
  public void checkFinished(CheckResult result) {
    done++;
    Outcome o = result.outcome();
    if (o == Outcome.FAILED || o == Outcome.ERROR || o == Outcome.INCONCLUSIVE) {
      String status = result.waived() ? "waived" : o.wireName().toUpperCase(Locale.ROOT);
      out.print(ERASE_LINE + status + " " + result.check().id() + " "
          + EvidenceText.oneLine(scrubber.scrub(result.message()), 160) + System.lineSeparator());
    }
    out.print(ERASE_LINE + String.format(Locale.ROOT, "%d/%d checks · %s s", done, Math.max(total, done),
        Elapsed.seconds(nanoClock.getAsLong() - startedNanos)));
    out.flush();
  }

  @Override
  public void runFinished() {
    out.print(ERASE_LINE);
    out.flush();
  }
}
