package dev.relaytck.cli;

import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.RecordingFormatException;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.record.RecordableScenarios;
import dev.relaytck.recordings.record.Recorder;
import dev.relaytck.recordings.record.UpstreamCredential;
import dev.relaytck.recordings.record.UpstreamUnreachableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relay-tck record --upstream URL}: records new goldens from a live upstream (docs/recording.md).
 * The credential comes from the environment only; no option takes it.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {
        "Sends the request of each selected scenario (the request of its bundled recording, with a scenario "
            + "marker) to a live upstream and writes the answers as recordings: every SSE event byte for byte with "
            + "its arrival time, secrets removed, ids and dates normalised (docs/recording.md).",
        "Live requests cost tokens on the account of the credential."},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  ANTHROPIC_API_KEY     sent upstream as x-api-key",
        "  ANTHROPIC_AUTH_TOKEN  sent upstream as Authorization: Bearer",
        "  One of them is required; both are sent when both are set; neither is ever written."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every selected scenario recorded, and every recording validates",
        "1:some scenario not recorded (the upstream answered another status, refused the credential, stalled) "
            + "or recorded but not validating; the rest were written",
        "2:usage error: bad option, unknown scenario, no credential in the environment",
        "3:the upstream could not be reached at all",
        "4:the kit itself failed (a bug)"})
public final class RecordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--upstream", required = true, paramLabel = "URL",
      description = "Base URL of the upstream, e.g. the official API's (without /v1).")
  String upstream;

  @Option(names = "--scenarios", paramLabel = "ID,...",
      description = "Scenario ids or globs (tool-*), comma-separated. Default: every recordable bundled scenario.")
  String scenarios;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "relay-tck-recordings",
      description = "Where to write mappings/ and __files/ (default: ${DEFAULT-VALUE}). Existing recordings of the same scenarios are replaced.")
  Path outDir;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "1",
      description = "Record each scenario N times; sample 1 goes to DIR, sample k to DIR/samples/k/ (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--model", paramLabel = "NAME",
      description = "Model to request instead of the recorded one (scenarios whose recording is an error keep theirs).")
  String model;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "Longest wait for response headers, and between two pieces of a body (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--profile", paramLabel = "identity",
      description = "identity: record an identity reference (every probe N times, default 10) instead of scenarios.")
  String profile;

  @Option(names = "--seed", paramLabel = "N", description = "--profile identity: seed of the probes' wording (default: random, recorded).")
  Long seed;

  @Option(names = "--max-cost-usd", paramLabel = "X", defaultValue = "0.50",
      description = "--profile identity: refuse when the estimated cost exceeds X USD (default: ${DEFAULT-VALUE}).")
  double maxCostUsd;

  private final Map<String, String> environment;

  public RecordCommand() {
    this(System.getenv());
  }

  /** With another environment: tests pass a fake key without touching the process's. */
  RecordCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return record(out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int record(PrintWriter out, PrintWriter err) throws InterruptedException {
    URI base;
    try {
      base = upstreamUri();
    } catch (IllegalArgumentException e) {
      err.println("relay-tck record: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (samples < 1 || samples > 100) {
      err.println("relay-tck record: --samples must be between 1 and 100, not " + samples);
      return ExitCodes.USAGE;
    }
    if (timeoutSeconds < 1) {
      err.println("relay-tck record: --timeout must be at least 1 second");
      return ExitCodes.USAGE;
    }
    if (model != null && model.isBlank()) {
      err.println("relay-tck record: --model is empty");
      return ExitCodes.USAGE;
    }
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      err.println("relay-tck record: --out " + outDir + " is a file, not a folder");
      return ExitCodes.USAGE;
    }
    UpstreamCredential credential;
    try {
      credential = UpstreamCredential.fromEnvironment(environment);
    } catch (IllegalArgumentException e) {
      err.println("relay-tck record: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (profile != null) {
      if (!profile.equals("identity")) {
        err.println("relay-tck record: --profile " + profile + " is not recordable; only identity is");
        return ExitCodes.USAGE;
      }
      boolean given = spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption("--samples");
      return IdentityRecording.record(out, err, base, environment, model, given ? samples : dev.relaytck.identity.IdentityRun.DEFAULT_SAMPLES,
          seed, outDir, maxCostUsd, timeoutSeconds);
    }
    List<String> skipped = new ArrayList<>();
    List<Recording> selected;
    try {
      selected = new RecordableScenarios(Recordings.bundled()).select(scenarios, skipped);
    } catch (IllegalArgumentException e) {
      err.println("relay-tck record: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (selected.isEmpty()) {
      err.println("relay-tck record: --scenarios " + scenarios + " selects no recordable scenario");
      skipped.forEach(s -> err.println("  " + s));
      return ExitCodes.USAGE;
    }
    skipped.forEach(s -> out.println("skipped " + s));
    if ("http".equalsIgnoreCase(base.getScheme()) && !isLoopback(base.getHost())) {
      err.println("warning: the upstream is plain http on another host: the credential crosses the network unencrypted");
    }
    out.println("recording " + selected.size() + " scenario(s)" + (samples > 1 ? " x " + samples + " samples" : "")
        + " from " + Recorder.origin(base) + " with " + credential.describe() + " into " + outDir);
    out.flush();

    Recorder.Options options = new Recorder.Options(base, outDir, samples, model, Duration.ofSeconds(timeoutSeconds),
        VersionProvider.version());
    List<Recorder.Result> results;
    try {
      results = new Recorder(options, credential, line -> {
        out.println(line);
        out.flush();
      }).record(selected);
    } catch (UpstreamUnreachableException e) {
      err.println("relay-tck record: " + e.getMessage());
      return ExitCodes.UNREACHABLE;
    } catch (UncheckedIOException | RecordingFormatException e) {
      err.println("relay-tck record: cannot write the recordings: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    long written = results.stream().filter(r -> r.mapping() != null).count();
    long problems = results.stream().filter(r -> !r.ok()).count();
    out.println("wrote " + written + " recording(s) to " + outDir + (problems > 0 ? "; " + problems + " with problems (above)" : ""));
    return problems == 0 && written == (long) selected.size() * samples ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private URI upstreamUri() {
    URI uri;
    try {
      uri = new URI(upstream.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--upstream '" + upstream + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("--upstream must be an http:// or https:// URL with a host, such as the official API's base URL");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("--upstream must not carry user info, a query or a fragment: credentials come from the environment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    if (path.endsWith("/v1")) {
      // The kit appends /v1/messages itself: ".../v1" would send ".../v1/v1/messages" and record 404s.
      String without = upstream.strip().replaceAll("/+$", "");
      throw new IllegalArgumentException("--upstream is the base URL without /v1 (the kit adds /v1/messages):"
          + " use --upstream " + without.substring(0, without.length() - "/v1".length()));
    }
    return uri;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
