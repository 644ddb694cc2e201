package dev.relaytck.cli;

import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.RecordingFormatException;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.recordings.replay.ReplayStartException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay-tck serve}: the replay upstream a relay under test is pointed at. Prints
 * exactly {@code listening on http://HOST:PORT} on standard output once it accepts
 * connections (and writes the port to {@code --port-file}, for scripts that wait on a file),
 * then serves until SIGTERM or SIGINT and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Serves recorded official exchanges as a stand-in for the Anthropic API (the hermetic upstream).",
        "Point the relay under test at the printed URL. The scenario marker [[relay-tck:<scenario>:<nonce>]]",
        "in the last user message selects the recording; a suffix :fault=<fault> injects a fault",
        "(status=CODE, error@N[=TYPE], close@N, stall@N=MS, drip=MS; see docs/replay-server.md).",
        "Admin API: GET /__admin/relay-tck/info, /__admin/relay-tck/journal/{nonce}, /__admin/requests."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by a signal (SIGTERM, SIGINT) after serving", "2:port in use, missing recordings folder or malformed recording",
        "4:the kit itself failed"})
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0",
      description = "Port to listen on; 0 (the default) picks a free one.")
  int port;

  @Option(names = "--host", paramLabel = "H", defaultValue = ReplayOptions.LOOPBACK,
      description = "Address to bind (default ${DEFAULT-VALUE}); 0.0.0.0 to serve a gateway in a container.")
  String host;

  @Option(names = "--recordings", paramLabel = "DIR",
      description = "A recordings folder (mappings/ and __files/); default: the recordings bundled in the kit.")
  Path recordings;

  @Option(names = "--time-scale", paramLabel = "F", defaultValue = "1",
      description = "Multiplies every recorded event offset: 1 = recorded pace (default), 0 = as fast as possible.")
  double timeScale;

  @Option(names = "--model-map", paramLabel = "A=B", split = ",",
      description = "A recorded model the relay sends upstream under another name; with a map, unexplained models do not match.")
  List<String> modelMapPairs = new java.util.ArrayList<>();

  @Option(names = "--port-file", paramLabel = "FILE",
      description = "Once listening, write the port number to FILE (written whole, then renamed into place).")
  Path portFile;

  @Option(names = "--accept-key", paramLabel = "K",
      description = "Accept only this credential (x-api-key or Bearer; repeatable) and answer any other with the official 401,"
          + " for a strict setup. Without it any credential is accepted except the kit's own wrong-credential probes.")
  List<String> acceptKeys = new java.util.ArrayList<>();

  /** Counted down by the shutdown hook; tests count it down to stop an in-process server. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeScale < 0 || Double.isNaN(timeScale) || Double.isInfinite(timeScale)) {
      err.println("relay-tck serve: --time-scale must be a number >= 0, got " + timeScale);
      return ExitCodes.USAGE;
    }
    if (port < 0 || port > 65535) {
      err.println("relay-tck serve: --port must be 0-65535, got " + port);
      return ExitCodes.USAGE;
    }
    Map<String, String> modelMap = new LinkedHashMap<>();
    for (String pair : modelMapPairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        err.println("relay-tck serve: --model-map takes RECORDED=SENT pairs separated by commas"
            + " (e.g. --model-map claude-a=relay-name-a), got '" + pair + "'");
        return ExitCodes.USAGE;
      }
      modelMap.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    List<Recording> served;
    try {
      if (recordings != null && !Files.isDirectory(recordings)) {
        err.println("relay-tck serve: --recordings " + recordings + ": no such folder");
        return ExitCodes.USAGE;
      }
      // The bundled recordings come with the Claude Code profile's scenarios, derived from the captures.
      served = recordings == null ? SelectedRecordings.known() : Recordings.load(recordings);
    } catch (RecordingFormatException | UncheckedIOException | IllegalArgumentException e) {
      err.println("relay-tck serve: " + firstLine(e.getMessage()));
      return ExitCodes.USAGE;
    }
    ReplayServer server;
    try {
      server = ReplayServer.start(ReplayOptions.of(served).withHost(host).withPort(port)
          .withTimeScale(timeScale).withModelMap(modelMap), java.util.Set.copyOf(acceptKeys));
    } catch (ReplayStartException | IllegalArgumentException e) {
      err.println("relay-tck serve: " + firstLine(e.getMessage()));
      return ExitCodes.USAGE;
    }
    if (served.isEmpty()) {
      err.println("relay-tck serve: warning: no recordings to serve" + (recordings == null ? "" : " in " + recordings)
          + "; every request will get the near-miss 404");
    }
    Thread hook = new Thread(() -> {
      server.close();
      stop.countDown();
      // A signal is how serve is meant to stop: exit 0 as documented, not the JVM's 128+signal.
      out.flush();
      err.flush();
      Runtime.getRuntime().halt(ExitCodes.OK);
    }, "relay-tck-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("relay-tck serve: " + served.size() + " recordings, time scale " + timeScale
        + (acceptKeys.isEmpty() ? "" : ", accepting " + acceptKeys.size() + " credential(s) only")
        + "; admin API " + server.baseUrl() + "/__admin/relay-tck/info");
    err.flush();
    if (portFile != null) {
      try {
        writePortFile(portFile, server.baseUrl());
      } catch (java.io.IOException e) {
        err.println("relay-tck serve: cannot write --port-file " + portFile + ": " + e.getMessage());
        Runtime.getRuntime().removeShutdownHook(hook);
        server.close();
        return ExitCodes.USAGE;
      }
    }
    out.println("listening on " + server.baseUrl());
    out.flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook closes the server.
    }
    return ExitCodes.OK;
  }

  /** Written to a temporary sibling, then moved: a script polling for the file never reads half of it. */
  private static void writePortFile(Path file, String baseUrl) throws java.io.IOException {
    String port = baseUrl.substring(baseUrl.lastIndexOf(':') + 1).replaceAll("[^0-9]", "");
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".relay-tck-port", ".tmp");
    Files.writeString(tmp, port + "\n");
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Parser messages carry a second line locating the error in their input; the first says it all. */
  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable recording";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
