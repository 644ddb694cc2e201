package dev.relaytck.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.replay.AnthropicErrors;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The self-check's target: the replay upstream serving the bundled recordings, acting as both
 * the relay and the upstream. A relay knows its own keys, and the replay upstream (a stand-in
 * that must never need a real key) accepts any; so the self-check adds what a relay has: one
 * credential generated for this run, and 401 {@code authentication_error} for any other, in the
 * official API's shape. Requests without a credential keep the replay upstream's own 401.
 */
final class SelfCheckRelay implements AutoCloseable {
  private final ReplayServer server;
  private final String credential;

  private SelfCheckRelay(ReplayServer server, String credential) {
    this.server = server;
    this.credential = credential;
  }

  static SelfCheckRelay start(List<Recording> recordings, double timeScale) {
    String credential = "relaytck-selfcheck-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    ReplayServer server = ReplayServer.start(ReplayOptions.of(recordings).withTimeScale(timeScale));
    String requestId = AnthropicErrors.newRequestId();
    try {
      server.wireMock().stubFor(any(urlPathMatching("/v1/.*")).atPriority(1)
          .andMatching(wrongCredential(credential))
          .willReturn(aResponse().withStatus(401)
              .withHeader("content-type", "application/json")
              .withHeader("x-should-retry", "false")
              .withHeader("request-id", requestId)
              .withBody("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},"
                  + "\"request_id\":\"" + requestId + "\"}")));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return new SelfCheckRelay(server, credential);
  }

  /** Requests that carry a credential, but not this run's. */
  private static ValueMatcher<Request> wrongCredential(String credential) {
    return request -> {
      String key = request.getHeader("x-api-key");
      String auth = request.getHeader("Authorization");
      boolean carries = (key != null && !key.isBlank()) || (auth != null && !auth.isBlank());
      boolean ours = credential.equals(key) || ("Bearer " + credential).equals(auth == null ? null : auth.strip());
      return MatchResult.of(carries && !ours);
    };
  }

  String baseUrl() {
    return server.baseUrl();
  }

  String credential() {
    return credential;
  }

  @Override
  public void close() {
    server.close();
  }
}
