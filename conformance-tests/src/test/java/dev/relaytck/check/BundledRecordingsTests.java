package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zero false positives on the official recordings: every implemented check passes against a
 * faithful relay replaying the bundled recordings (hermetic), also with single-byte chunks and CRLF.
 */
class BundledRecordingsTests {
  @Test
  void aFaithfulRelayPassesEveryImplementedCheckOnTheBundledRecordings() throws Exception {
    try (Harness h = new Harness(Recordings.bundled(), EnumSet.noneOf(Behaviour.class), true, Map.of())) {
      var results = h.evaluate();
      assertThat(Harness.failures(results)).isEmpty();
      assertThat(results.values().stream().mapToInt(Map::size).sum()).as("evaluations").isGreaterThan(200);
    }
  }

  @Test
  void andWithTheAllowedTransformationsLive() throws Exception {
    try (Harness h = new Harness(Recordings.bundled(), EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS, Behaviour.CRLF,
        Behaviour.SSE_COMMENTS, Behaviour.RECASE_AND_ADD_HEADERS, Behaviour.NEW_REQUEST_ID), false, Map.of())) {
      assertThat(Harness.liveFailures(h.evaluate())).isEmpty();
    }
  }
}
