package dev.relaytck.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bound on a run: consecutive timeouts stop it, any answer resets the count, bad settings are usage errors. */
class RunBudgetTests {
  @Test
  void timeoutsInARowStopTheRunAndAnAnswerInBetweenResetsTheCount() {
    RunBudget b = new RunBudget(Duration.ofHours(1), 3);
    b.record(Ending.HEADERS_TIMEOUT, "a");
    b.record(Ending.IDLE_TIMEOUT, "b");
    b.record(Ending.COMPLETE, "c");
    b.record(Ending.TOTAL_TIMEOUT, "d");
    b.record(Ending.BROKEN, "e");
    b.admit();
    assertThat(b.stopped()).isEmpty();

    b.record(Ending.HEADERS_TIMEOUT, "f");
    b.record(Ending.HEADERS_TIMEOUT, "g");
    b.record(Ending.HEADERS_TIMEOUT, "POST /v1/messages -> no response");
    assertThat(b.stopped()).hasValueSatisfying(m -> assertThat(m)
        .contains("the relay stopped answering: 3 exchanges in a row timed out", "POST /v1/messages -> no response"));
    assertThatThrownBy(b::admit).isInstanceOf(RunStoppedException.class).hasMessageContaining("not sent, so not judged");
    b.record(Ending.COMPLETE, "late");
    assertThat(b.stopped()).as("once stopped, a run stays stopped").isPresent();
  }

  @Test
  void settingsAreReadAndCheckedLikeEveryOtherSetting() {
    RunBudget b = RunBudget.from(k -> Optional.ofNullable(Map.of(RunBudget.MAX_TIMEOUTS, "1").get(k)));
    b.record(Ending.IDLE_TIMEOUT, "x");
    assertThat(b.stopped()).isPresent();
    assertThatThrownBy(() -> RunBudget.from(k -> Optional.ofNullable(Map.of(RunBudget.MAX_RUN_SECONDS, "0").get(k))))
        .isInstanceOf(TargetConfig.ConfigException.class);
    assertThatThrownBy(() -> Transport.from(k -> Optional.ofNullable(Map.of(Transport.HTTP, "3").get(k))))
        .isInstanceOf(TargetConfig.ConfigException.class).hasMessageContaining("1.1, 2 or auto");
  }
}
