package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.CheckSpec;
import dev.relaytck.catalog.Severity;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.RunResult;
import dev.relaytck.outcome.SkipBasis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificationTests {
  /** A small catalog over three profiles, one of them opt-in. */
  enum T implements Check {
    CORE_MUST("SSE-010", Severity.MUST, "core"),
    CORE_MUST_2("SSE-020", Severity.MUST, "core"),
    CORE_SHOULD("SSE-030", Severity.SHOULD, "core"),
    CORE_INFO("SSE-040", Severity.INFO, "core"),
    CC_MUST("CC-010", Severity.MUST, "claude-code"),
    END_MUST("PERF-010", Severity.MUST, "endurance");

    private final CheckSpec spec;

    T(String id, Severity severity, String profile) {
      this.spec = new CheckSpec(id, severity, profile, "build-with-claude/streaming", "title " + id, "req", "hint");
    }

    @Override
    public CheckSpec spec() {
      return spec;
    }
  }

  private final Certification certification = new Certification(List.of(T.values()));

  private static RunResult run(List<String> profiles, CheckResult... results) {
    return new RunResult("v", "hermetic", "http://127.0.0.1:1", null, 0, profiles, false, List.of(results), null);
  }

  private static CheckResult r(T check, Outcome outcome) {
    return new CheckResult(check, outcome, null, null, List.of(), null);
  }

  private static List<CheckResult> allPassed(T... except) {
    List<CheckResult> out = new ArrayList<>();
    for (T t : T.values()) {
      if (!List.of(except).contains(t)) out.add(r(t, Outcome.PASSED));
    }
    return out;
  }

  private List<String> certified(List<String> profiles, List<CheckResult> results) {
    return certification.certified(run(profiles, results.toArray(CheckResult[]::new)));
  }

  @Test
  void everyMustPassedCertifiesEachProfileRun() {
    assertThat(certified(List.of("core", "claude-code"), allPassed())).containsExactly("core", "claude-code");
  }

  @Test
  void allMeansEveryProfileExceptOptInOnes() {
    assertThat(certified(List.of("all"), allPassed())).containsExactly("core", "claude-code");
    assertThat(certified(List.of("all", "endurance"), allPassed())).containsExactly("core", "claude-code", "endurance");
  }

  @Test
  void aFailedMustBlocksOnlyItsProfile() {
    List<CheckResult> results = allPassed(T.CORE_MUST_2);
    results.add(r(T.CORE_MUST_2, Outcome.FAILED));
    assertThat(certified(List.of("core", "claude-code"), results)).containsExactly("claude-code");
    assertThat(certification.blockers(run(List.of("core"), results.toArray(CheckResult[]::new)), "core"))
        .containsExactly("SSE-020 failed");
  }

  @Test
  void shouldAndInfoFailuresDoNotBlock() {
    List<CheckResult> results = allPassed(T.CORE_SHOULD, T.CORE_INFO);
    results.add(r(T.CORE_SHOULD, Outcome.FAILED));
    results.add(r(T.CORE_INFO, Outcome.FAILED));
    assertThat(certified(List.of("core"), results)).containsExactly("core");
  }

  @Test
  void anythingInconclusiveOrInErrorBlocks() {
    List<CheckResult> inconclusive = allPassed(T.CORE_INFO);
    inconclusive.add(r(T.CORE_INFO, Outcome.INCONCLUSIVE));
    assertThat(certified(List.of("core"), inconclusive)).isEmpty();
    List<CheckResult> error = allPassed(T.CORE_SHOULD);
    error.add(r(T.CORE_SHOULD, Outcome.ERROR));
    assertThat(certified(List.of("core"), error)).isEmpty();
  }

  @Test
  void aSkipIsToleratedOnlyForOptionalFeaturesOrDeclaredAbsentCapabilities() {
    for (SkipBasis basis : SkipBasis.values()) {
      List<CheckResult> results = allPassed(T.CORE_MUST);
      results.add(new CheckResult(T.CORE_MUST, Outcome.SKIPPED, "reason", null, List.of(), null, basis));
      if (basis == SkipBasis.NONE) {
        assertThat(certified(List.of("core"), results)).as(basis.name()).isEmpty();
      } else {
        assertThat(certified(List.of("core"), results)).as(basis.name()).containsExactly("core");
      }
    }
  }

  @Test
  void aWaivedFailureKeepsTheRunGreenButDoesNotCertify() {
    List<CheckResult> results = allPassed(T.CORE_MUST);
    results.add(new CheckResult(T.CORE_MUST, Outcome.FAILED, "known", null, List.of(), "ticket 12: relay strips pings"));
    RunResult run = run(List.of("core"), results.toArray(CheckResult[]::new));
    assertThat(certification.certified(run)).isEmpty();
    assertThat(ExitStatus.of(run)).isZero();
  }

  @Test
  void aMustCheckThatWasNotRunBlocksItsProfile() {
    assertThat(certified(List.of("core"), allPassed(T.CORE_MUST))).isEmpty();
    assertThat(certification.blockers(run(List.of("core")), "core")).contains("SSE-010 was not run", "no check of profile core was run");
  }

  @Test
  void withoutDeclaredProfilesTheProfilesOfTheResultsCount() {
    assertThat(certified(List.of(), List.of(r(T.CC_MUST, Outcome.PASSED)))).containsExactly("claude-code");
  }
}
