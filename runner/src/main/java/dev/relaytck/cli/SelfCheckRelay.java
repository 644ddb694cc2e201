package dev.relaytck.cli;

import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The self-check's target: the replay upstream serving the bundled recordings, acting as both
 * the relay and the upstream. A relay knows its own keys, and the replay upstream (a stand-in
 * that must never need a real key) accepts any by default; so the self-check starts it in its
 * strict mode ({@code serve --accept-key}): one credential generated for this run, and the
 * official 401 {@code authentication_error} for any other.
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
    // The replay upstream's strict mode (serve --accept-key): this run's credential only.
    ReplayServer server = ReplayServer.start(ReplayOptions.of(recordings).withTimeScale(timeScale), java.util.Set.of(credential));
    return new SelfCheckRelay(server, credential);
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
