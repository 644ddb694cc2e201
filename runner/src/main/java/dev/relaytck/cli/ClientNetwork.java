package dev.relaytck.cli;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy the kit's clients reach the target through: the one named by {@code HTTPS_PROXY} /
 * {@code https_proxy} (with {@code NO_PROXY} hosts, and loopback, reached directly). It goes to
 * the suite as a run setting ({@code relaytck.proxy}); the clients of that run use it, and the
 * JVM's default proxy selector is never changed, so two runs in one JVM do not interfere.
 */
final class ClientNetwork {
  private ClientNetwork() {}

  /** The proxy from the environment for {@code target}, or {@code null} when it is reached directly. */
  static URI proxyFor(URI target, Map<String, String> env) {
    String raw = "https".equals(target.getScheme())
        ? env.getOrDefault("HTTPS_PROXY", env.get("https_proxy"))
        : env.getOrDefault("HTTP_PROXY", env.get("http_proxy"));
    if (raw == null || raw.isBlank()) return null;
    String host = target.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) return null;
    String noProxy = env.getOrDefault("NO_PROXY", env.getOrDefault("no_proxy", ""));
    for (String entry : noProxy.split(",")) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) continue;
      if (e.equals("*") || host.equals(e) || host.endsWith(e.startsWith(".") ? e : "." + e)) return null;
    }
    URI proxy = URI.create(raw.contains("://") ? raw.trim() : "http://" + raw.trim());
    if (proxy.getHost() == null) throw new UsageException("HTTPS_PROXY is not a usable proxy URL: '" + raw + "'");
    return proxy;
  }
}
