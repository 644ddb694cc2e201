package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.Check;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitStatusTests {
  private static RunResult run(boolean strict, CheckResult... results) {
    return new RunResult("v", "live", "http://127.0.0.1:1", null, 0, List.of("core"), strict, List.of(results), null);
  }

  private static CheckResult r(Check check, Outcome outcome) {
    return new CheckResult(check, outcome, null, null, List.of(), null);
  }

  @Test
  void zeroWhenEveryRequiredCheckPassed() {
    assertThat(ExitStatus.of(run(false, r(CertificationTests.T.CORE_MUST, Outcome.PASSED)))).isZero();
  }

  @Test
  void oneWhenAMustFailed() {
    assertThat(ExitStatus.of(run(false, r(CertificationTests.T.CORE_MUST, Outcome.FAILED)))).isEqualTo(1);
  }

  @Test
  void shouldFailuresFailOnlyWithStrict() {
    CheckResult should = r(CertificationTests.T.CORE_SHOULD, Outcome.FAILED);
    assertThat(ExitStatus.of(run(false, should))).isZero();
    assertThat(ExitStatus.of(run(true, should))).isEqualTo(1);
  }

  @Test
  void infoFindingsNeverFail() {
    assertThat(ExitStatus.of(run(true, r(CertificationTests.T.CORE_INFO, Outcome.FAILED)))).isZero();
  }

  @Test
  void waivedFailuresDoNotCount() {
    CheckResult waived = new CheckResult(CertificationTests.T.CORE_MUST, Outcome.FAILED, "m", null, List.of(), "known issue #4");
    assertThat(ExitStatus.of(run(false, waived))).isZero();
  }

  @Test
  void inconclusiveDoesNotChangeTheExitCode() {
    assertThat(ExitStatus.of(run(true, r(CertificationTests.T.CORE_MUST, Outcome.INCONCLUSIVE)))).isZero();
    assertThat(ExitStatus.of(run(false, r(CertificationTests.T.CORE_MUST, Outcome.INCONCLUSIVE),
        r(CertificationTests.T.CORE_MUST_2, Outcome.FAILED)))).isEqualTo(1);
  }

  @Test
  void aKitErrorIsFourUnlessARequiredCheckFailed() {
    CheckResult error = r(CertificationTests.T.CORE_INFO, Outcome.ERROR);
    assertThat(ExitStatus.of(run(false, error))).isEqualTo(4);
    assertThat(ExitStatus.of(run(false, error, r(CertificationTests.T.CORE_MUST, Outcome.FAILED)))).isEqualTo(1);
    assertThat(ExitStatus.verdict(4)).isEqualTo("error");
  }
}
