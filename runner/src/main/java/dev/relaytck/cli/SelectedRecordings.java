package dev.relaytck.cli;

import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.Check;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which recordings a {@code run} uses. The selection travels with the run (the plan hands it to
 * the suite's launcher session, {@code Suite.useRecordings}), never through static state.
 */
final class SelectedRecordings {
  private SelectedRecordings() {}

  /**
   * What a run with these checks sends: the bundled recordings, plus the Claude Code scenarios
   * when a CC check is among them (profile claude-code, or endurance for CC-130). Only then: each
   * Claude Code request carries some 50 kB of system prompt and tools, which a live run pays for,
   * and which the other profiles' checks would otherwise also be evaluated on.
   */
  static List<Recording> forChecks(Collection<Check> selected) {
    boolean claudeCode = selected.stream().anyMatch(c -> c.spec().area() == Area.CC);
    return claudeCode ? known() : Recordings.bundled();
  }

  /** Every scenario the kit has a recording of: what {@code relay-tck serve} serves by default. */
  static List<Recording> known() {
    return Stream.concat(Recordings.bundled().stream(), ClaudeCodeRecordings.all().stream()).toList();
  }
}
