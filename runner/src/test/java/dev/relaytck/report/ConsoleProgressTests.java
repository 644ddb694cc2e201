package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.SseCheck;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTests {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong();

  private String drive(ProgressListener p) {
    p.runStarted(2);
    p.checkStarted(SseCheck.SSE_010);
    clock.addAndGet(1_500_000_000L);
    p.checkFinished(new CheckResult(SseCheck.SSE_010, Outcome.PASSED, null, null, List.of(), null));
    p.checkStarted(SseCheck.SSE_020);
    clock.addAndGet(1_000_000_000L);
    p.checkFinished(new CheckResult(SseCheck.SSE_020, Outcome.FAILED, "no event: line, key " + SampleRuns.CLIENT_KEY,
        null, List.of(), null));
    p.runFinished();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainLinesWhenNotATerminal() {
    String text = drive(ConsoleProgress.create(out, false, Map.of(), SampleRuns.scrubber(), clock::get));
    assertThat(text).doesNotContain("\r").doesNotContain("\u001b");
    assertThat(text.lines().toList()).containsExactly(
        "relay-tck: running 2 checks",
        "[1/2] SSE-010 passed (1.5 s)",
        "[2/2] SSE-020 failed (2.5 s): no event: line, key [REDACTED]",
        "relay-tck: 2 checks done in 2.5 s");
  }

  @Test
  void plainLinesWhenCiIsTrueEvenOnATerminal() {
    String text = drive(ConsoleProgress.create(out, true, Map.of("CI", "true"), SampleRuns.scrubber(), clock::get));
    assertThat(text).doesNotContain("\r").contains("[2/2] SSE-020 failed");
  }

  @Test
  void aLiveStatusLineOnATerminalWithFailuresKeptAboveIt() {
    String text = drive(ConsoleProgress.create(out, true, Map.of(), SampleRuns.scrubber(), clock::get));
    assertThat(text).contains("\r\u001b[2KSSE-010 a streaming response has content-type text/event-stream · 2 left · 0.0 s");
    assertThat(text).contains("\r\u001b[2KSSE-020 every event has an event: line equal to data.type · 1 left · 1.5 s");
    assertThat(text).contains("\r\u001b[2KFAILED SSE-020 no event: line, key [REDACTED]" + System.lineSeparator());
    assertThat(text).contains("2/2 checks · 2.5 s").doesNotContain(SampleRuns.CLIENT_KEY);
    assertThat(text).endsWith("\r\u001b[2K");
  }
}
