package dev.relaytck.cli;

import dev.relaytck.catalog.Profiles;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.RunResult;
import dev.relaytck.report.Certification;
import dev.relaytck.report.ReportWriter;
import dev.relaytck.report.SecretScrubber;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last step of a run: waivers applied, the reports written (report.json, junit.xml,
 * report.html, summary.md), the verdict and what blocks certification printed; the exit code
 * comes from the MUST/SHOULD outcomes.
 */
final class WriteReports {
  static final int BLOCKERS_SHOWN = RunCommand.BLOCKERS_SHOWN;

  private WriteReports() {}

  /**
   * Writes the reports and prints the verdict; returns the run's exit code, 1 also when a profile
   * of {@code requiredCertified} ({@code --require-certified}) is not certified.
   */
  static int write(RunPlan plan, StartTarget.Started target, LaunchSuite.Launched launched, SecretScrubber scrubber,
      PrintWriter out, List<String> requiredCertified, Optional<CommonCause> cause) throws IOException {
    List<CheckResult> results = plan.waivers().apply(launched.outcome().results());
    List<LiveCertification> liveCertification = plan.live() ? LiveCertification.of(results, plan.settings().profiles()) : List.of();
    for (String id : plan.waivers().unneeded(results)) out.println("note: " + id + " is waived but passed; the waiver can go");
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("scenarios", plan.recordings().size());
    metrics.put("requestsPlanned", plan.requests().sends());
    metrics.put("timeScale", target.config().timeScale());
    metrics.put("selfCheck", plan.selfCheck());
    metrics.putAll(launched.outcome().metrics());
    cause.ifPresent(c -> metrics.put(dev.relaytck.report.CommonCauseLine.METRIC, c.line()));
    if (plan.live()) {
      metrics.put("live", LiveCertification.metric(plan.liveModel(), liveCertification, cause.map(CommonCause::line).orElse(null)));
    }
    RunResult run = new RunResult(VersionProvider.version(), target.config().mode(), target.target(), launched.started(),
        launched.durationMs(), List.copyOf(Profiles.expand(plan.settings().profiles())), plan.settings().strict(), results,
        metrics, launched.outcome().exchanges());
    ReportWriter.Written written = ReportWriter.ofCatalog(scrubber).write(run, plan.settings().reportDir());
    cause.ifPresent(c -> out.println("cause: " + scrubber.scrub(c.line())));
    out.print(scrubber.scrub(written.consoleVerdict()));
    liveCertification.forEach(c -> out.println(c.line()));
    notCertified(run).forEach(line -> out.println(scrubber.scrub(line)));
    List<String> missing = requiredCertified.stream().map(p -> p.trim().toLowerCase(java.util.Locale.ROOT))
        .filter(p -> !p.isEmpty() && !written.report().certified().contains(p)).toList();
    missing.forEach(p -> out.println("relay-tck run: " + p + " is not certified, and --require-certified requires it"));
    out.flush();
    return missing.isEmpty() || written.exitCode() != ExitCodes.OK ? written.exitCode() : ExitCodes.FAILED;
  }

  /**
   * Why each selected profile is not certified, when the reason is not a failure the verdict already
   * lists: a skip that blocks it (CC-140 without the Claude Code CLI), or something inconclusive.
   * At most {@value #BLOCKERS_SHOWN} per profile; the reports have them all.
   */
  static List<String> notCertified(RunResult run) {
    Certification certification = Certification.ofCatalog();
    List<String> certified = certification.certified(run);
    Map<String, CheckResult> byId = new LinkedHashMap<>();
    run.checks().forEach(r -> byId.put(r.check().id(), r));
    List<String> lines = new ArrayList<>();
    for (String profile : Profiles.expand(run.profiles())) {
      if (certified.contains(profile)) continue;
      List<String> reasons = new ArrayList<>();
      for (String blocker : certification.blockers(run, profile)) {
        CheckResult r = byId.get(blocker.split(" ", 2)[0]);
        if (r != null && r.outcome() == Outcome.FAILED) continue;
        reasons.add(r == null || r.message() == null || r.message().isBlank() ? blocker : blocker + " (" + r.message().strip() + ")");
      }
      if (reasons.isEmpty()) continue;
      lines.add("  " + profile + " is not certified: " + String.join("; ", reasons.subList(0, Math.min(BLOCKERS_SHOWN, reasons.size())))
          + (reasons.size() > BLOCKERS_SHOWN ? "; and " + (reasons.size() - BLOCKERS_SHOWN) + " more (see report.json)" : ""));
    }
    return lines;
  }
}
