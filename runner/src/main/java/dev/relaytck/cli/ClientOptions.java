package dev.relaytck.cli;

import dev.relaytck.target.RunBudget;
import dev.relaytck.target.TargetConfig;
import dev.relaytck.target.Transport;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the kit's client talks to the relay, and how much a run may cost in time and memory: the
 * HTTP version, the body limit, the per-exchange timeouts and the bound on the whole run. They
 * travel to the suite as {@link Transport}, {@link RunBudget} and {@link TargetConfig} keys, so a
 * provider's build can set the same keys.
 */
final class ClientOptions {
  @Option(names = "--http", paramLabel = "1.1|2|auto",
      description = "HTTP version to use with the relay (default: auto = HTTP/2 over https when the relay offers it, HTTP/1.1 over http;"
          + " 2 over http uses the h2c upgrade).")
  String http;

  @Option(names = "--max-body-bytes", paramLabel = "N",
      description = "Largest response body (and decoded gzip body) the kit reads; a larger one fails its checks (default: 8388608;"
          + " 64 MiB for the large-request scenario).")
  Long maxBodyBytes;

  @Option(names = "--max-run-seconds", paramLabel = "N",
      description = "Stop sending after N seconds; what was not judged is inconclusive (default: 1800).")
  Double maxRunSeconds;

  @Option(names = "--max-timeouts", paramLabel = "N",
      description = "After N timed-out exchanges in a row the relay is taken to have stopped answering; the rest is inconclusive (default: 5).")
  Integer maxTimeouts;

  @Option(names = "--timeout-ms", paramLabel = "connect=MS,headers=MS,idle=MS,total=MS", split = ",",
      description = "Per-exchange timeouts (defaults: connect=10000, headers=60000, idle=60000, total=300000).")
  Map<String, Long> timeouts;

  /** Takes from {@code --config} what the command line did not give (flags win). */
  void defaultsFrom(RunConfigFile file) {
    if (http == null) http = file.text("http").orElse(null);
    if (maxBodyBytes == null) maxBodyBytes = file.number("max-body-bytes").map(Double::longValue).orElse(null);
    if (maxRunSeconds == null) maxRunSeconds = file.number("max-run-seconds").orElse(null);
    if (maxTimeouts == null) maxTimeouts = file.number("max-timeouts").map(Double::intValue).orElse(null);
    if (timeouts == null) {
      timeouts = file.pairs("timeout-ms", '=').map(m -> {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
          try {
            out.put(k, Long.parseLong(v.trim()));
          } catch (NumberFormatException e) {
            throw new UsageException("--config: timeout-ms " + k + " must be a whole number of milliseconds, got '" + v + "'");
          }
        });
        return out;
      }).orElse(null);
    }
  }

  /** Adds the options that were given to the suite's parameters. */
  void addTo(Map<String, String> parameters) {
    put(parameters, Transport.HTTP, http);
    put(parameters, Transport.MAX_BODY_BYTES, maxBodyBytes);
    put(parameters, RunBudget.MAX_RUN_SECONDS, maxRunSeconds);
    put(parameters, RunBudget.MAX_TIMEOUTS, maxTimeouts);
    if (timeouts != null) {
      for (Map.Entry<String, Long> t : timeouts.entrySet()) {
        String key = switch (t.getKey().trim().toLowerCase(Locale.ROOT)) {
          case "connect" -> TargetConfig.TIMEOUT_CONNECT;
          case "headers" -> TargetConfig.TIMEOUT_HEADERS;
          case "idle" -> TargetConfig.TIMEOUT_IDLE;
          case "total" -> TargetConfig.TIMEOUT_TOTAL;
          default -> throw new UsageException("--timeout-ms: no timeout named '" + t.getKey() + "' (connect, headers, idle, total)");
        };
        put(parameters, key, t.getValue());
      }
    }
  }

  private static void put(Map<String, String> parameters, String key, Object value) {
    if (value != null) parameters.put(key, value.toString());
  }
}
