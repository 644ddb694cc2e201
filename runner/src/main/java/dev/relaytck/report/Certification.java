package dev.relaytck.report;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Profiles;
import dev.relaytck.catalog.Severity;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which profiles a run certifies (docs/contract.md): a profile is certified when every MUST check of
 * the catalog in it passed. A skip is tolerated only when the protocol makes the feature
 * optional or the target declared the capability absent ({@link dev.relaytck.outcome.SkipBasis});
 * anything inconclusive or in error in the profile blocks it, and so does a waived failure
 * (a waiver keeps the run green, it does not make the target compatible). A MUST check the run
 * did not execute (filtered out with {@code --check}) blocks it too: a certification is a claim
 * about the whole profile.
 */
public final class Certification {
  private final List<Check> catalog;

  public Certification(List<Check> catalog) {
    this.catalog = List.copyOf(catalog);
  }

  public static Certification ofCatalog() {
    return new Certification(Catalog.all());
  }

  /** The certified profiles, in the order the run named them ({@code all} expanded). */
  public List<String> certified(RunResult run) {
    Map<String, CheckResult> byId = new HashMap<>();
    run.checks().forEach(r -> byId.put(r.check().id(), r));
    List<String> out = new ArrayList<>();
    for (String profile : profilesOf(run)) {
      if (certifies(profile, byId)) out.add(profile);
    }
    return out;
  }

  /** Why a profile is not certified, one line per blocking check; empty when it is. */
  public List<String> blockers(RunResult run, String profile) {
    Map<String, CheckResult> byId = new HashMap<>();
    run.checks().forEach(r -> byId.put(r.check().id(), r));
    List<String> reasons = new ArrayList<>();
    for (Check check : catalog) {
      if (!check.spec().profile().equals(profile)) continue;
      CheckResult r = byId.get(check.id());
      String reason = blocker(check, r);
      if (reason != null) reasons.add(check.id() + " " + reason);
    }
    boolean anyRun = byId.values().stream().anyMatch(r -> r.check().spec().profile().equals(profile));
    if (!anyRun) reasons.add("no check of profile " + profile + " was run");
    return reasons;
  }

  private boolean certifies(String profile, Map<String, CheckResult> byId) {
    boolean anyRun = false;
    for (Check check : catalog) {
      if (!check.spec().profile().equals(profile)) continue;
      CheckResult r = byId.get(check.id());
      if (r != null) anyRun = true;
      if (blocker(check, r) != null) return false;
    }
    return anyRun;
  }

  private static String blocker(Check check, CheckResult r) {
    if (r == null) {
      return check.severity() == Severity.MUST ? "was not run" : null;
    }
    if (r.outcome() == Outcome.INCONCLUSIVE) return "was inconclusive";
    if (r.outcome() == Outcome.ERROR) return "could not be evaluated (kit error)";
    if (check.severity() != Severity.MUST) return null;
    return switch (r.outcome()) {
      case PASSED -> null;
      case SKIPPED -> r.skipBasis().tolerated() ? null : "was skipped";
      case FAILED -> r.waived() ? "failed (waived)" : "failed";
      default -> "did not pass";
    };
  }

  /** The profiles a run covers: those it named ({@code all} expanded), else those its checks belong to. */
  Set<String> profilesOf(RunResult run) {
    if (!run.profiles().isEmpty()) {
      return Profiles.expand(run.profiles(), Profiles.known(catalog));
    }
    Set<String> ran = new LinkedHashSet<>();
    run.checks().forEach(r -> ran.add(r.check().spec().profile()));
    return ran;
  }
}
