package dev.relaytck.timing;

import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.relay.TimingHarness;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.TargetClient;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kit's own measurement error (a benchmark, not a test): a paced stream from the replay
 * upstream passes through a TCP tap on loopback that notes, with the same clock, when each SSE
 * event's last byte came off the socket (a raw socket reader: the physical limit) and forwards
 * it at once; the kit's client reads the same bytes behind the tap. The difference between the
 * two arrival times of each event, of the first token and of every gap is what the kit's
 * client (JDK HttpClient, chunk queue, SSE parser) adds. Run:
 * {@code java -cp <conformance-tests test classpath> dev.relaytck.timing.MeasurementErrorBenchmark [streams]}.
 */
public final class MeasurementErrorBenchmark {
  private MeasurementErrorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    System.out.printf(Locale.ROOT, "java %s, %d cores, load average %.1f at start%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (ReplayServer replay = ReplayServer.start(ReplayOptions.of(TimingHarness.recordings()).withTimeScale(1.0));
        Tap tap = new Tap(replay.port())) {
      TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(Map.of(
          TargetConfig.BASE_URL, "http://127.0.0.1:" + tap.port(), TargetConfig.API_KEY, "test-key-not-secret").get(k)), Map.of());
      TargetClient client = new TargetClient(config);
      Scenario s = Scenario.of(TimingHarness.recordings().get(1));
      List<Double> eventDiff = new ArrayList<>();
      List<Double> ttftDiff = new ArrayList<>();
      List<Double> gapDiff = new ArrayList<>();
      for (int i = -3; i < streams; i++) { // three warm-up streams
        tap.events.clear();
        Exchange e = client.send("bench", ScenarioRequests.build(s, config, s.freshMarker()));
        StreamTimeline kit = StreamTimeline.of(e).orElseThrow();
        List<Long> raw = List.copyOf(tap.events);
        if (i < 0 || raw.size() != kit.eventMs().size()) continue;
        for (int k = 0; k < raw.size(); k++) {
          double rawMs = (raw.get(k) - e.sentNanos()) / 1e6;
          eventDiff.add(kit.eventMs().get(k) - rawMs);
          if (k == kit.eventTypes().indexOf("content_block_delta")) ttftDiff.add(kit.ttftMs() - rawMs);
          if (k > 0) gapDiff.add((kit.eventMs().get(k) - kit.eventMs().get(k - 1)) - (raw.get(k) - raw.get(k - 1)) / 1e6);
        }
      }
      report("event arrival (kit - raw socket)", eventDiff);
      report("time to first token (kit - raw socket)", ttftDiff);
      report("inter-event gap (kit - raw socket)", gapDiff);
      System.out.printf(Locale.ROOT, "load average %.1f at end%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static void report(String what, List<Double> values) {
    double[] abs = values.stream().mapToDouble(v -> Math.abs(v)).sorted().toArray();
    double[] raw = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "%s: n=%d median %.3f ms, |diff| median %.3f p95 %.3f p99 %.3f max %.3f ms%n", what,
        raw.length, pct(raw, 50), pct(abs, 50), pct(abs, 95), pct(abs, 99), pct(abs, 100));
  }

  private static double pct(double[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** A loopback TCP forwarder that timestamps each SSE event's end (LF LF) as its bytes come off the upstream socket. */
  static final class Tap implements AutoCloseable {
    final List<Long> events = new CopyOnWriteArrayList<>();
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final int upstreamPort;
    private final Thread acceptor;

    Tap(int upstreamPort) throws IOException {
      this.upstreamPort = upstreamPort;
      acceptor = new Thread(this::accept, "tap-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          client.setTcpNoDelay(true);
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          upstream.setTcpNoDelay(true);
          pump(client.getInputStream(), upstream.getOutputStream(), false);
          pump(upstream.getInputStream(), client.getOutputStream(), true);
        } catch (IOException e) {
          return;
        }
      }
    }

    private void pump(InputStream in, OutputStream out, boolean stamp) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[16384];
        int previous = -1;
        try (in; out) {
          int n;
          while ((n = in.read(buf)) >= 0) {
            long now = System.nanoTime();
            if (stamp) {
              for (int i = 0; i < n; i++) {
                // Events end with LF LF; the chunked framing around them only ever adds CR LF.
                if (buf[i] == '\n' && previous == '\n') events.add(now);
                previous = buf[i];
              }
            }
            out.write(buf, 0, n);
            out.flush();
          }
        } catch (IOException ignored) {
          // the connection ended
        }
      }, "tap-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
