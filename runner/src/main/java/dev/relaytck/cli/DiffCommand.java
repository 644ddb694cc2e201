package dev.relaytck.cli;

import dev.relaytck.report.Report;
import dev.relaytck.report.ReportDiff;
import dev.relaytck.report.ReportJson;
import dev.relaytck.report.UnreadableReportException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code relay-tck diff BASELINE/report.json CANDIDATE/report.json}: regressions between two runs. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {
        "Compare two runs: regressions, fixes, new and removed checks.",
        "A regression is a MUST or SHOULD check that went from passed to failed or",
        "error, or a profile certified in the baseline and not in the candidate.",
        "Timing is compared as distributions (p50 and p90 of time to first event and",
        "total time over every streamed scenario, at least 5 on each side), beyond",
        "--threshold percent and --min-delta-ms; it is reported, and fails the diff",
        "only with --fail-on-timing. Changes to or from inconclusive are warnings. Reports of any relay-tck version are read;",
        "fields they do not know are ignored."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no regression", "1:at least one regression", "2:usage error or unreadable report"})
final class DiffCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BASELINE", description = "report.json of the baseline run (or its directory)")
  Path baseline;

  @Parameters(index = "1", paramLabel = "CANDIDATE", description = "report.json of the candidate run (or its directory)")
  Path candidate;

  @Option(names = "--threshold", paramLabel = "PCT",
      description = "timing change, in percent, beyond which a scenario counts as slower or faster (default: ${DEFAULT-VALUE})")
  double threshold = ReportDiff.DEFAULT_THRESHOLD_PCT;

  @Option(names = "--min-delta-ms", paramLabel = "MS",
      description = "ignore timing changes smaller than this many milliseconds, whatever the percentage (default: ${DEFAULT-VALUE})")
  double minDeltaMs = ReportDiff.DEFAULT_MIN_DELTA_MS;

  @Option(names = "--fail-on-timing", description = "slower timing distributions count as regressions (exit 1)")
  boolean failOnTiming;

  @Override
  public Integer call() {
    if (!(threshold >= 0) || !(minDeltaMs >= 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threshold and --min-delta-ms must be non-negative numbers");
    }
    Report base;
    Report cand;
    try {
      base = ReportJson.read(ReportFiles.resolve(baseline));
      cand = ReportJson.read(ReportFiles.resolve(candidate));
    } catch (UnreadableReportException e) {
      spec.commandLine().getErr().println("relay-tck diff: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    ReportDiff.Result result = new ReportDiff(threshold, minDeltaMs, failOnTiming).compare(base, cand);
    spec.commandLine().getOut().print(ReportDiff.render(result, baseline.toString(), candidate.toString()));
    spec.commandLine().getOut().flush();
    return result.exitCode() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
