package dev.relaytck.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The step before launching the suite: is anything listening at the target at all? An
 * unreachable target is one line and exit 3, not forty failed checks. Skipped behind a proxy,
 * which is what the clients connect to.
 */
final class CheckReachability {
  private CheckReachability() {}

  /** Why the target cannot be reached, or empty when a TCP connection could be made (or a proxy is in the way). */
  static Optional<String> check(RunPlan plan, StartTarget.Started target) {
    if (plan.proxy() != null) return Optional.empty();
    return unreachable(target.config().baseUrl(), target.config().timeouts().connect());
  }

  /** A TCP connect to the target, bounded by the connect timeout: the one-line answer to "is anything there at all". */
  static Optional<String> unreachable(URI target, Duration timeout) {
    int port = target.getPort() >= 0 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.getHost(), port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      return Optional.empty();
    } catch (java.net.UnknownHostException e) {
      return Optional.of("unknown host " + target.getHost());
    } catch (java.net.SocketTimeoutException e) {
      return Optional.of("no answer within " + timeout.toMillis() + " ms (connect timeout)");
    } catch (IOException e) {
      return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
