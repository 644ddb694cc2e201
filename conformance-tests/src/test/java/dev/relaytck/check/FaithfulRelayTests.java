package dev.relaytck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.relay.Behaviour;
import dev.relaytck.relay.Harness;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zero false positives: a faithful relay, and one applying every transformation the protocol
 * allows (single-byte chunks, CRLF, SSE comments, re-cased and extra headers, another
 * request-id, gzip when accepted), passes every implemented check, hermetic and live.
 */
class FaithfulRelayTests {
  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of("faithful", EnumSet.noneOf(Behaviour.class)),
        Arguments.of("single-byte chunks", EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS)),
        Arguments.of("CRLF line ends", EnumSet.of(Behaviour.CRLF)),
        Arguments.of("SSE comment lines", EnumSet.of(Behaviour.SSE_COMMENTS)),
        Arguments.of("re-cased and extra headers", EnumSet.of(Behaviour.RECASE_AND_ADD_HEADERS)),
        Arguments.of("another request-id", EnumSet.of(Behaviour.NEW_REQUEST_ID)),
        Arguments.of("gzip when accepted", EnumSet.of(Behaviour.GZIP_WHEN_ACCEPTED)),
        Arguments.of("a keep-alive comment after the last event", EnumSet.of(Behaviour.TRAILING_COMMENT)),
        Arguments.of("served under /gw", EnumSet.of(Behaviour.MOUNTED_UNDER_GW)),
        Arguments.of("served under /api", EnumSet.of(Behaviour.MOUNTED_UNDER_API)),
        Arguments.of("the client's key passed through", EnumSet.of(Behaviour.PASS_THROUGH_KEY)),
        Arguments.of("another channel's message ids", EnumSet.of(Behaviour.OPENAI_ID)),
        Arguments.of("all of them at once", EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS, Behaviour.CRLF, Behaviour.SSE_COMMENTS,
            Behaviour.RECASE_AND_ADD_HEADERS, Behaviour.NEW_REQUEST_ID, Behaviour.GZIP_WHEN_ACCEPTED, Behaviour.TRAILING_COMMENT,
            Behaviour.MOUNTED_UNDER_API, Behaviour.PASS_THROUGH_KEY)));
  }

  @ParameterizedTest(name = "hermetic: {0}")
  @MethodSource("allowed")
  void allowedTransformationsPassEveryImplementedCheckHermetic(String name, Set<Behaviour> behaviours) throws Exception {
    try (Harness h = new Harness(behaviours, true, Map.of())) {
      var results = h.evaluate();
      assertThat(Harness.failures(results)).as(name).isEmpty();
      assertThat(results).as("implemented checks that ran").hasSizeGreaterThan(25);
    }
  }

  @ParameterizedTest(name = "live: {0}")
  @MethodSource("allowed")
  void allowedTransformationsPassEveryImplementedCheckLive(String name, Set<Behaviour> behaviours) throws Exception {
    try (Harness h = new Harness(behaviours, false, Map.of())) {
      assertThat(Harness.liveFailures(h.evaluate())).as(name).isEmpty();
    }
  }
}
