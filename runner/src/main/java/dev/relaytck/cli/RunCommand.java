package dev.relaytck.cli;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Profiles;
import dev.relaytck.outcome.ProgressListener;
import dev.relaytck.report.ConsoleProgress;
import dev.relaytck.report.SecretScrubber;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay-tck run}: certifies a relay. Without {@code --base-url} it starts the replay
 * upstream in-process and certifies it against its own recordings (the self-check); with
 * {@code --replay} the run is hermetic (recordings and time scale come from that replay
 * upstream); otherwise it is live and costs tokens, so it states the estimate first and refuses
 * above {@code --max-cost-usd}. The suite runs through the JUnit Platform Launcher with the same
 * configuration keys a provider's own build uses; the exit code comes from the MUST/SHOULD
 * outcomes, never from a raw failure count.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run the conformance suite against a relay and write the reports.",
        "Without --base-url: the self-check (an embedded replay upstream certified against its own recordings).",
        "ANTHROPIC_BASE_URL is never read: pass --base-url \"$ANTHROPIC_BASE_URL\"."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every required (MUST) check passed; inconclusive checks block certification but not the run",
        "1:a MUST check failed (or a SHOULD check with --strict), unless waived",
        "2:usage or configuration error, or the cost estimate exceeds --max-cost-usd",
        "3:the target (or the replay upstream) could not be reached at all",
        "4:the kit itself failed; the stack trace is in REPORT_DIR/relay-tck-error.log"},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  ANTHROPIC_AUTH_TOKEN  default of --auth-token (Authorization: Bearer)",
        "  ANTHROPIC_API_KEY     default of --api-key (x-api-key)",
        "  HTTPS_PROXY, NO_PROXY proxy for https targets (HTTP_PROXY for http)",
        "  CI=true               plain progress lines instead of a status line",
        "Prefer the environment to --api-key/--auth-token: flags show in 'ps'.",
        "--config, --waivers, --prices: YAML or JSON (docs/quick-start.md, docs/ci.md)."})
public final class RunCommand implements Callable<Integer> {
  /** The self-check replays recorded pacing 20 times faster: the run takes seconds, the streams are still spread out. */
  /**
   * Fast, yet slow enough that the longest bundled stream (2.6 s recorded) is paced over more
   * than the 200 ms SSE-080 needs to tell streaming from buffering.
   */
  static final double SELF_CHECK_TIME_SCALE = 0.1;
  static final String ERROR_LOG = "relay-tck-error.log";
  static final int BLOCKERS_SHOWN = 5;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--base-url", paramLabel = "URL", description = "The relay under test. Without it, the self-check runs.")
  String baseUrl;

  @Option(names = "--auth-token", paramLabel = "T", description = "Sent as Authorization: Bearer T (default: $ANTHROPIC_AUTH_TOKEN).")
  String authToken;

  @Option(names = "--api-key", paramLabel = "K", description = "Sent as x-api-key: K (default: $ANTHROPIC_API_KEY).")
  String apiKey;

  @Option(names = "--replay", paramLabel = "URL", description = "The replay upstream the relay is fronted on: hermetic mode.")
  String replay;

  @Option(names = "--check", paramLabel = "ID", split = ",", description = "Only these checks (IDs or globs such as SSE-*).")
  List<String> checks;

  @Option(names = "--waivers", paramLabel = "FILE", description = "Known failures: a YAML or JSON list of {id, reason}.")
  Path waivers;

  @Option(names = "--ca-cert", paramLabel = "FILE", description = "Trust this CA (PEM or DER) for https targets, besides the JDK's.")
  Path caCert;

  @Option(names = "--profile", paramLabel = "P", split = ",", description = "Groups of checks (default: core; all for every group).")
  List<String> profiles;

  @Option(names = "--model", paramLabel = "NAME", description = "Model to request instead of the recordings' own.")
  String model;

  @Option(names = "--max-output-tokens", paramLabel = "N", description = "Live: the requested model's output limit (default: from GET /v1/models, else docs/live.md).")
  Integer maxOutputTokens;

  @Option(names = "--model-map", paramLabel = "A=B", split = ",", description = "The relay serves model A as B.")
  Map<String, String> modelMap;

  @Option(names = "--header", paramLabel = "K:V", description = "Extra client header some relays require (repeatable).")
  List<String> headers;

  @Option(names = "--config", paramLabel = "FILE", description = "The same settings in a YAML or JSON file (docs/ci.md); flags win.")
  Path config;

  @Option(names = "--require-certified", paramLabel = "P", split = ",",
      description = "Exit 1 unless these profiles are certified (a CI gate that certification cannot be lost).")
  List<String> requireCertified;

  @Option(names = "--strict", description = "SHOULD failures fail the run too.")
  Boolean strict;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Where the reports go (default: ./relay-tck-report).")
  Path reportDir;

  @Option(names = "--max-cost-usd", paramLabel = "X", description = "Live runs: refuse when the estimate exceeds X USD (default: 0.50).")
  Double maxCostUsd;

  @Option(names = "--prices", paramLabel = "FILE", description = "USD per million tokens by model family, for the estimate (YAML or JSON).")
  Path prices;

  @Option(names = "--dry-run", description = "List the requests that would be sent; send nothing.")
  boolean dryRun;

  @CommandLine.ArgGroup(exclusive = false, heading = "%nEvidence about the relay (identity, billing, timing, security):%n")
  EvidenceOptions evidence = new EvidenceOptions();

  @CommandLine.ArgGroup(exclusive = false, heading = "%nThe client, and the bounds of a run:%n")
  ClientOptions client = new ClientOptions();

  /** The process environment; tests pass their own. */
  Map<String, String> env = System.getenv();

  PrintWriter out;
  PrintWriter err;

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    Settings settings;
    try {
      settings = settings();
    } catch (UsageException | TargetConfig.ConfigException e) {
      return usage(e.getMessage());
    }
    SecretScrubber scrubber = new SecretScrubber(evidence == null ? settings.secrets() : evidence.secrets(settings.secrets()));
    try {
      return execute(settings, scrubber);
    } catch (UsageException | TargetConfig.ConfigException e) {
      return usage(scrubber.scrub(e.getMessage()));
    } catch (ReplayInfo.Unreachable e) {
      err.println("relay-tck run: " + scrubber.scrub(e.getMessage()));
      return ExitCodes.UNREACHABLE;
    } catch (RuntimeException | IOException | Error e) {
      return kitFailure(e, settings.reportDir(), scrubber);
    }
  }

  private int usage(String message) {
    err.println("relay-tck run: " + message);
    err.flush();
    return ExitCodes.USAGE;
  }

  int kitFailure(Throwable e, Path dir, SecretScrubber scrubber) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    Path log = dir.resolve(ERROR_LOG);
    String where;
    try {
      Files.createDirectories(dir);
      Files.writeString(log, scrubber.scrub(trace.toString()), StandardCharsets.UTF_8);
      where = "the stack trace is in " + log;
    } catch (IOException io) {
      where = "and the stack trace could not be written to " + log + " (" + io.getMessage() + ")";
    }
    err.println("relay-tck run: the kit itself failed (a bug in relay-tck, please report it): "
        + scrubber.scrub(String.valueOf(e)) + "; " + where);
    err.flush();
    return ExitCodes.KIT_ERROR;
  }

  /** Every setting after merging flags, the config file and the environment. */
  record Settings(
      String baseUrl, String replay, String apiKey, String authToken, List<String> checks, Path waivers, Path caCert,
      List<String> profiles, String model, Map<String, String> modelMap, Map<String, String> headers, boolean strict,
      Path reportDir, double maxCostUsd, Path prices) {

    boolean selfCheck() {
      return baseUrl == null && replay == null;
    }

    List<String> secrets() {
      List<String> s = new ArrayList<>();
      if (apiKey != null) s.add(apiKey);
      if (authToken != null) s.add(authToken);
      return s;
    }
  }

  Settings settings() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    RunConfigFile file = config == null ? RunConfigFile.empty() : RunConfigFile.read(config);
    java.util.function.Predicate<String> given = name -> parsed != null && parsed.hasMatchedOption(name);

    String base = given.test("--base-url") ? baseUrl : file.text("base-url").orElse(null);
    String rep = given.test("--replay") ? replay : file.text("replay").orElse(null);
    String key = given.test("--api-key") ? apiKey
        : file.text("api-key-env").map(name -> requiredEnv(name, "api-key-env")).orElse(env.get("ANTHROPIC_API_KEY"));
    String token = given.test("--auth-token") ? authToken
        : file.text("auth-token-env").map(name -> requiredEnv(name, "auth-token-env")).orElse(env.get("ANTHROPIC_AUTH_TOKEN"));
    List<String> only = given.test("--check") ? checks : file.list("check").orElse(List.of());
    Path waiverFile = given.test("--waivers") ? waivers : file.path("waivers").orElse(null);
    Path ca = given.test("--ca-cert") ? caCert : file.path("ca-cert").orElse(null);
    List<String> profs = given.test("--profile") ? profiles : file.list("profile").orElse(List.of(Profiles.DEFAULT));
    String mdl = given.test("--model") ? model : file.text("model").orElse(null);
    Map<String, String> map = given.test("--model-map") ? modelMap : file.pairs("model-map", '=').orElse(Map.of());
    Map<String, String> hdrs = new LinkedHashMap<>(file.pairs("header", ':').orElse(Map.of()));
    if (given.test("--header")) {
      for (String h : headers) {
        int i = h.indexOf(':');
        if (i <= 0) throw new UsageException("--header must be Name:Value, got '" + h + "'");
        hdrs.put(h.substring(0, i).trim(), h.substring(i + 1).trim());
      }
    }
    boolean strictRun = given.test("--strict") ? Boolean.TRUE.equals(strict) : file.bool("strict").orElse(false);
    Path dir = given.test("--report-dir") ? reportDir : file.path("report-dir").orElse(Path.of("relay-tck-report"));
    double max = given.test("--max-cost-usd") ? maxCostUsd : file.number("max-cost-usd").orElse(0.50);
    Path priceFile = given.test("--prices") ? prices : file.path("prices").orElse(null);
    if (client != null) client.defaultsFrom(file);
    if (evidence == null) evidence = new EvidenceOptions();
    evidence.billingDefaultsFrom(file, given, env);

    if (!(max >= 0) || Double.isInfinite(max)) throw new UsageException("--max-cost-usd must be a number >= 0, got " + max);
    if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UsageException("--report-dir " + dir + " is a file, not a directory");
    for (String h : hdrs.keySet()) {
      if (!h.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) throw new UsageException("--header name '" + h + "' is not a valid HTTP header name");
    }
    Set<String> known = Profiles.known();
    for (String p : profs) {
      String name = p.trim().toLowerCase(Locale.ROOT);
      if (!name.equals(Profiles.ALL) && !known.contains(name)) {
        throw new UsageException("--profile " + p + ": no such profile (known: " + String.join(", ", known) + ", all)");
      }
    }
    for (String c : only) {
      if (Catalog.select(List.of(c)).isEmpty()) throw new UsageException("--check " + c + " matches no check of the catalog (see 'relay-tck list')");
    }
    if (base != null) url("--base-url", base);
    if (rep != null) url("--replay", rep);
    if (key != null && key.isBlank()) key = null;
    if (token != null && token.isBlank()) token = null;
    return new Settings(base, rep, key, token, List.copyOf(only), waiverFile, ca, List.copyOf(profs), mdl, Map.copyOf(map),
        hdrs, strictRun, dir, max, priceFile);
  }

  private String requiredEnv(String name, String setting) {
    String v = env.get(name);
    if (v == null || v.isBlank()) throw new UsageException("--config: " + setting + " names " + name + ", which is not set in the environment");
    return v;
  }

  static URI url(String option, String value) {
    try {
      URI u = URI.create(value.trim());
      if (u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) return u;
    } catch (IllegalArgumentException e) {
      // Reported below.
    }
    throw new UsageException(option + " must be an http(s) URL, got '" + value + "'");
  }

  /** A run is a plan, then steps: start the target, check it is reachable, launch the suite, write the reports. */
  private int execute(Settings s, SecretScrubber scrubber) throws IOException {
    // https spoken to a plain-http port fails every request the same way: say it once (exit 3).
    Optional<CommonCause> plainPort = s.baseUrl() == null || ClientNetwork.proxyFor(URI.create(s.baseUrl()), env) != null
        ? Optional.empty() : CommonCause.tlsToPlainPort(URI.create(s.baseUrl()), Duration.ofSeconds(5));
    if (plainPort.isPresent()) {
      err.println("relay-tck run: " + plainPort.get().line());
      return ExitCodes.UNREACHABLE;
    }
    RunPlan plan = RunPlan.build(s, evidence, client, env, err, maxOutputTokens);
    plan.describeTo(out);
    Optional<String> refusal = plan.refusal();
    if (refusal.isPresent()) return usage(refusal.get());
    if (dryRun) {
      plan.listRequests(out);
      return ExitCodes.OK;
    }
    try (StartTarget.Started target = StartTarget.start(plan)) {
      Optional<String> down = CheckReachability.check(plan, target);
      if (down.isPresent()) {
        err.println("relay-tck run: cannot reach " + target.target() + ": " + down.get());
        return ExitCodes.UNREACHABLE;
      }
      ProgressListener progress = ConsoleProgress.create(new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8),
          System.console() != null, env, scrubber);
      ReplayArrivals arrivals = ReplayArrivals.before(plan);
      LaunchSuite.Launched launched = LaunchSuite.launch(plan, target, progress);
      SuiteLauncher.Outcome outcome = launched.outcome();
      if (outcome.unreachable().isPresent() && outcome.results().stream().noneMatch(r -> r.outcome() == dev.relaytck.outcome.Outcome.PASSED)) {
        err.println("relay-tck run: cannot reach " + target.target() + ": " + scrubber.scrub(outcome.unreachable().get()));
        return ExitCodes.UNREACHABLE;
      }
      // One cause behind every failure (no credential, every request refused, every connection closed) is said first.
      Optional<CommonCause> cause = CommonCause.after(outcome.exchanges(), s.apiKey() != null || s.authToken() != null)
          .or(() -> arrivals.after(outcome.exchanges()));
      if (cause.isPresent() && cause.get().unreachable()) {
        err.println("relay-tck run: " + target.target() + ": " + scrubber.scrub(cause.get().line()));
        return ExitCodes.UNREACHABLE;
      }
      return WriteReports.write(plan, target, launched, scrubber, out, requireCertified == null ? List.of() : requireCertified, cause);
    }
  }
}
