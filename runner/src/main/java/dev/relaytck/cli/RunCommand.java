package dev.relaytck.cli;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Profiles;
import dev.relaytck.check.RunContext;
import dev.relaytck.junit.Suite;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.ProgressListener;
import dev.relaytck.outcome.RunResult;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.report.Certification;
import dev.relaytck.report.ConsoleProgress;
import dev.relaytck.report.ReportWriter;
import dev.relaytck.report.SecretScrubber;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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

  @Option(names = "--model-map", paramLabel = "A=B", split = ",", description = "The relay serves model A as B.")
  Map<String, String> modelMap;

  @Option(names = "--header", paramLabel = "K:V", description = "Extra client header some relays require (repeatable).")
  List<String> headers;

  @Option(names = "--config", paramLabel = "FILE", description = "The same settings in a YAML or JSON file (docs/ci.md); flags win.")
  Path config;

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
    SecretScrubber scrubber = new SecretScrubber(settings.secrets());
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

  private static URI url(String option, String value) {
    try {
      URI u = URI.create(value.trim());
      if (u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) return u;
    } catch (IllegalArgumentException e) {
      // Reported below.
    }
    throw new UsageException(option + " must be an http(s) URL, got '" + value + "'");
  }

  private int execute(Settings s, SecretScrubber scrubber) throws IOException {
    Waivers waived = s.waivers() == null ? Waivers.none() : Waivers.read(s.waivers());
    PriceTable priceTable = s.prices() == null ? PriceTable.defaults() : PriceTable.read(s.prices());
    if (s.caCert() != null) ClientNetwork.trust(s.caCert());

    SelfCheckRelay embedded = null;
    try {
      Map<String, String> parameters = new LinkedHashMap<>();
      List<Check> selected = selectedChecks(s);
      List<Recording> recordings = SelectedRecordings.forChecks(selected);
      String mode;
      String target;
      String credentialNote;
      if (s.selfCheck()) {
        if (dryRun) {
          target = "(embedded replay upstream, started when the run starts)";
        } else {
          embedded = SelfCheckRelay.start(recordings, SELF_CHECK_TIME_SCALE);
          target = embedded.baseUrl();
        }
        parameters.put(TargetConfig.BASE_URL, dryRun ? "http://127.0.0.1:1" : target);
        parameters.put(TargetConfig.REPLAY_URL, dryRun ? "http://127.0.0.1:1" : target);
        parameters.put(TargetConfig.TIME_SCALE, Double.toString(SELF_CHECK_TIME_SCALE));
        // The embedded target is the upstream itself: a fact only the runner knows, passed as data
        // (never a capability a target could declare), so the checks of a relay's handling of
        // upstream faults are skipped, saying so.
        parameters.put(dev.relaytck.check.RunContext.SELF_CHECK, "true");
        // Never the user's key, even to our own loopback server: a credential made for this run.
        parameters.put(TargetConfig.API_KEY, embedded == null ? "relaytck-selfcheck-dry-run" : embedded.credential());
        mode = "self-check (hermetic: the embedded replay upstream is both the relay and the upstream)";
        credentialNote = "a credential generated for this run (yours are never sent in the self-check)";
      } else {
        URI replayUri = s.replay() == null ? null : url("--replay", s.replay());
        target = s.baseUrl() != null ? s.baseUrl() : s.replay();
        parameters.put(TargetConfig.BASE_URL, target);
        if (replayUri != null) {
          ReplayInfo info = ReplayInfo.fetch(replayUri, Duration.ofSeconds(10));
          parameters.put(TargetConfig.REPLAY_URL, s.replay());
          if (info.timeScale() > 0) parameters.put(TargetConfig.TIME_SCALE, Double.toString(info.timeScale()));
          List<Recording> served = recordings.stream().filter(r -> info.scenarios().contains(r.scenario())).toList();
          Set<String> unknown = new LinkedHashSet<>(info.scenarios());
          // Scenarios of profiles not selected are known, just not run: only the rest is worth a warning.
          SelectedRecordings.known().forEach(r -> unknown.remove(r.scenario()));
          if (!unknown.isEmpty()) {
            err.println("relay-tck run: the replay upstream serves " + unknown.size() + " scenario(s) this kit has no recording of, not run: "
                + String.join(", ", unknown));
          }
          if (served.isEmpty()) throw new UsageException("--replay " + s.replay() + " serves none of the kit's scenarios");
          if (claudeCode(recordings) && !claudeCode(served)) {
            err.println("relay-tck run: the replay upstream serves none of the Claude Code scenarios, so the claude-code checks"
                + " will be skipped; run 'relay-tck serve' without --recordings to serve them");
          }
          recordings = served;
          mode = "hermetic (replay upstream " + s.replay() + ", time scale " + info.timeScale() + ")";
        } else {
          mode = "live";
        }
        if (s.apiKey() != null) parameters.put(TargetConfig.API_KEY, s.apiKey());
        if (s.authToken() != null) parameters.put(TargetConfig.AUTH_TOKEN, s.authToken());
        if (s.apiKey() != null && s.authToken() != null) parameters.put(TargetConfig.AUTH_STYLE, "api-key");
        credentialNote = s.apiKey() != null ? "x-api-key (--api-key or ANTHROPIC_API_KEY)"
            : s.authToken() != null ? "Authorization: Bearer (--auth-token or ANTHROPIC_AUTH_TOKEN)"
            : "none (set ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY, or pass --auth-token / --api-key)";
      }
      parameters.put(TargetConfig.PROFILES, String.join(",", s.profiles()));
      if (s.model() != null) parameters.put(TargetConfig.MODEL, s.model());
      if (!s.modelMap().isEmpty()) {
        parameters.put(TargetConfig.MODEL_MAP, s.modelMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(",")));
      }
      if (!s.headers().isEmpty()) {
        parameters.put(TargetConfig.HEADERS, s.headers().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
            .collect(Collectors.joining("\n")));
      }
      if (!s.checks().isEmpty()) parameters.put(Suite.CHECKS, String.join(",", s.checks()));
      parameters.put(Suite.RECORDING_SOURCE, SelectedRecordings.class.getName());
      if (evidence != null) evidence.addTo(parameters);
      parameters.put(dev.relaytck.check.EvidenceSettings.MAX_COST_USD, Double.toString(s.maxCostUsd()));

      // The environment must not configure the suite behind the flags' back (RELAYTCK_* variables).
      TargetConfig targetConfig = TargetConfig.load(k -> Optional.ofNullable(parameters.get(k)), Map.of());
      boolean live = !targetConfig.hermetic();
      URI proxy = ClientNetwork.proxyFor(targetConfig.baseUrl(), env);
      if (proxy != null && !dryRun) ClientNetwork.useProxy(targetConfig.baseUrl(), proxy);

      RequestPlan plan = RequestPlan.of(selected, new RunContext(targetConfig, ScenarioCatalog.forRun(recordings)));
      out.println("relay-tck run");
      out.println("  target:      " + target + (proxy != null ? " (through proxy " + proxy.getHost() + ":" + proxy.getPort() + ")" : ""));
      out.println("  mode:        " + mode);
      out.println("  credential:  " + credentialNote);
      out.println("  profiles:    " + String.join(", ", Profiles.expand(s.profiles())) + (s.checks().isEmpty() ? "" : "; checks " + String.join(",", s.checks())));
      List<String> unpriced = new ArrayList<>();
      double usd = plan.costUsd(priceTable, unpriced);
      if (live) {
        out.printf(Locale.ROOT, "  estimate:    %d requests, about %,d tokens, about %.4f USD at %s (limit --max-cost-usd %.2f)%n",
            plan.sends(), plan.tokens(), usd, s.prices() == null ? "the default list prices by model family" : s.prices().toString(),
            s.maxCostUsd());
      } else {
        out.printf(Locale.ROOT, "  estimate:    %d requests, no cost: hermetic runs are answered by the replay upstream%n", plan.sends());
      }
      out.flush();
      if (live && !unpriced.isEmpty()) {
        return usage("the price table has no price for model(s) " + String.join(", ", new LinkedHashSet<>(unpriced))
            + "; add a family to --prices (or a '*' entry)");
      }
      if (live && usd > s.maxCostUsd()) {
        return usage(String.format(Locale.ROOT, "refusing to start: the estimated cost %.4f USD exceeds --max-cost-usd %.2f;"
            + " raise the limit, or narrow the run with --check or --profile", usd, s.maxCostUsd()));
      }
      if (dryRun) {
        out.println("dry run: these requests would be sent (method, path, scenario, model, body size); nothing was sent");
        plan.requests().forEach(p -> out.println("  " + RequestPlan.describe(p)));
        out.flush();
        return ExitCodes.OK;
      }
      if (proxy == null) {
        Optional<String> down = unreachable(targetConfig.baseUrl(), targetConfig.timeouts().connect());
        if (down.isPresent()) {
          err.println("relay-tck run: cannot reach " + target + ": " + down.get());
          return ExitCodes.UNREACHABLE;
        }
      }

      Instant started = Instant.now();
      long t0 = System.nanoTime();
      SuiteLauncher.Outcome outcome;
      ProgressListener progress = ConsoleProgress.create(new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8),
          System.console() != null, env, scrubber);
      try (AutoCloseable ignored = SelectedRecordings.publish(recordings)) {
        outcome = SuiteLauncher.run(parameters, progress);
      } catch (Exception e) {
        throw new IllegalStateException("the suite could not run", e);
      }
      long durationMs = (System.nanoTime() - t0) / 1_000_000;
      if (outcome.unreachable().isPresent() && outcome.results().stream().noneMatch(r -> r.outcome() == dev.relaytck.outcome.Outcome.PASSED)) {
        err.println("relay-tck run: cannot reach " + target + ": " + scrubber.scrub(outcome.unreachable().get()));
        return ExitCodes.UNREACHABLE;
      }
      List<CheckResult> results = waived.apply(outcome.results());
      for (String id : waived.unneeded(results)) out.println("note: " + id + " is waived but passed; the waiver can go");
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("scenarios", recordings.size());
      metrics.put("requestsPlanned", plan.sends());
      metrics.put("timeScale", targetConfig.timeScale());
      metrics.put("selfCheck", s.selfCheck());
      metrics.putAll(outcome.metrics());
      RunResult run = new RunResult(VersionProvider.version(), targetConfig.mode(), target, started, durationMs,
          List.copyOf(Profiles.expand(s.profiles())), s.strict(), results, metrics, outcome.exchanges());
      ReportWriter.Written written = ReportWriter.ofCatalog(scrubber).write(run, s.reportDir());
      out.print(scrubber.scrub(written.consoleVerdict()));
      notCertified(run).forEach(line -> out.println(scrubber.scrub(line)));
      out.flush();
      return written.exitCode();
    } finally {
      if (embedded != null) embedded.close();
    }
  }

  /**
   * Why each selected profile is not certified, when the reason is not a failure the verdict already
   * lists: a skip that blocks it (CC-140 without the Claude Code CLI), or something inconclusive.
   * At most {@value #BLOCKERS_SHOWN} per profile; the reports have them all.
   */
  static List<String> notCertified(RunResult run) {
    Certification certification = Certification.ofCatalog();
    List<String> certified = certification.certified(run);
    Map<String, CheckResult> byId = new LinkedHashMap<>();
    run.checks().forEach(r -> byId.put(r.check().id(), r));
    List<String> lines = new ArrayList<>();
    for (String profile : Profiles.expand(run.profiles())) {
      if (certified.contains(profile)) continue;
      List<String> reasons = new ArrayList<>();
      for (String blocker : certification.blockers(run, profile)) {
        CheckResult r = byId.get(blocker.split(" ", 2)[0]);
        if (r != null && r.outcome() == dev.relaytck.outcome.Outcome.FAILED) continue;
        reasons.add(r == null || r.message() == null || r.message().isBlank() ? blocker : blocker + " (" + r.message().strip() + ")");
      }
      if (reasons.isEmpty()) continue;
      lines.add("  " + profile + " is not certified: " + String.join("; ", reasons.subList(0, Math.min(BLOCKERS_SHOWN, reasons.size())))
          + (reasons.size() > BLOCKERS_SHOWN ? "; and " + (reasons.size() - BLOCKERS_SHOWN) + " more (see report.json)" : ""));
    }
    return lines;
  }

  private static boolean claudeCode(List<Recording> recordings) {
    return recordings.stream().anyMatch(r -> r.features().contains(ClaudeCodeRecordings.FEATURE));
  }

  private static List<Check> selectedChecks(Settings s) {
    Set<String> profiles = Profiles.expand(s.profiles());
    List<Check> base = s.checks().isEmpty() ? Catalog.all() : Catalog.select(s.checks());
    return base.stream().filter(c -> profiles.contains(c.spec().profile())).toList();
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
