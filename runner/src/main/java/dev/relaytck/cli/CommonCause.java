package dev.relaytck.cli;

import dev.relaytck.outcome.ExchangeRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One cause, one message: when every failure of a run comes from the same cause (no
 * credential, a credential the relay refuses, TLS spoken to a plain-HTTP port, a relay that never
 * reaches the replay upstream ({@link ReplayArrivals}), a relay that
 * closes every connection), the console says so first, in one line with the fix, instead of
 * forty failed checks that each repeat it.
 *
 * @param line what happened and what to do, for the console and the reports
 * @param unreachable whether the target never answered at all (exit 3)
 */
record CommonCause(String line, boolean unreachable) {
  /** Fewer exchanges than this say too little to name a common cause. */
  static final int MIN_EXCHANGES = 3;

  /**
   * Before the run: an https URL whose port speaks plain HTTP. A TLS handshake cannot tell (a
   * plain server waits for a request line and the handshake times out), so the probe asks the
   * port in plain HTTP; a TLS server answers that with an alert or a close, never "HTTP/".
   */
  static Optional<CommonCause> tlsToPlainPort(URI target, Duration timeout) {
    if (!"https".equals(target.getScheme())) return Optional.empty();
    int port = target.getPort() >= 0 ? target.getPort() : 443;
    int millis = (int) Math.min(5_000, timeout.toMillis());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.getHost(), port), millis);
      socket.setSoTimeout(millis);
      socket.getOutputStream().write(("HEAD / HTTP/1.1\r\nHost: " + target.getHost() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] head = socket.getInputStream().readNBytes(5);
      if (new String(head, StandardCharsets.US_ASCII).equals("HTTP/")) {
        URI plain = URI.create(target.toString().replaceFirst("^https:", "http:"));
        return Optional.of(new CommonCause("the target answers plain HTTP on port " + port + ", not TLS: use --base-url "
            + plain + " (or point https at the relay's TLS port)", true));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // a TLS port, or nothing there: the reachability step and the TLS client say which
    }
  }

  /** After the run: the cause every exchange the reports hold shares, if any. */
  static Optional<CommonCause> after(List<ExchangeRecord> exchanges, boolean credentialConfigured) {
    List<ExchangeRecord> answered = exchanges;
    if (answered.size() < MIN_EXCHANGES) return Optional.empty();
    // Closed, not timed out: a relay that hangs is the run budget's business, and its reports are written.
    if (answered.stream().allMatch(ExchangeRecord::brokenWithoutAnswer)) {
      return Optional.of(new CommonCause("the relay accepted connections but closed every one without an answer ("
          + answered.size() + " requests): check that --base-url points at the relay's HTTP port and that the relay is up", true));
    }
    if (answered.stream().allMatch(x -> x.response() != null && x.response().status() == 401)) {
      return Optional.of(new CommonCause(credentialConfigured
          ? "every request was refused with 401: the relay does not accept this credential; check the key, and whether the relay"
              + " wants it as --api-key (x-api-key) or --auth-token (Authorization: Bearer)"
          : "no credential configured and every request was refused with 401: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN"
              + " (or pass --api-key / --auth-token)", false));
    }
    return Optional.empty();
  }
}
