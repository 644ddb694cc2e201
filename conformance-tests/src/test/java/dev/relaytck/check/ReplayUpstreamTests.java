package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hermetic topology with the real replay upstream (WireMock, bundled recordings, its
 * journal API): a faithful relay passes every implemented check, and a request-side defect is
 * found through the real journal.
 */
class ReplayUpstreamTests {
  @Test
  void aFaithfulRelayOnTheReplayUpstreamPassesEveryImplementedCheck() throws Exception {
    try (Harness h = Harness.onReplay(Recordings.bundled(), EnumSet.noneOf(Behaviour.class))) {
      var results = h.evaluate();
      assertThat(Harness.failures(results)).isEmpty();
      assertThat(results).containsKeys("REQ-010", "HDR-010", "SSE-020", "EVT-010", "ERR-090");
    }
  }

  @Test
  void anInjectedSystemPromptIsFoundInTheReplayJournal() throws Exception {
    try (Harness h = Harness.onReplay(Recordings.bundled(), EnumSet.of(Behaviour.INJECT_SYSTEM))) {
      Map<String, String> failures = Harness.failures(h.evaluate());
      assertThat(failures).containsKeys("REQ-010", "REQ-020");
      assertThat(failures.get("REQ-020")).contains("REQ-020 at /system");
    }
  }
}
