package dev.relaytck.cli;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Profiles;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.junit.Suite;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.RunBudget;
import dev.relaytck.target.TargetConfig;
import dev.relaytck.target.Transport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a {@code run} will do, worked out once before anything is sent: the profiles
 * expanded, the checks selected, the recordings (restricted to what the replay upstream serves),
 * the suite's configuration parameters, the requests and their cost. The steps that follow
 * ({@link StartTarget}, {@link CheckReachability}, {@link LaunchSuite}, {@link WriteReports})
 * only read it.
 *
 * @param parameters the suite's configuration; for the self-check, the target's address is
 *     filled in by {@link StartTarget} once the embedded replay upstream listens
 * @param target the target as the console and the reports name it
 * @param proxy the proxy the clients reach the target through, or {@code null}
 * @param usd the estimated cost of a live run's requests (the scenarios' and every run check's planned sends);
 *     {@code unpriced} the models the price table lacks
 */
record RunPlan(
    RunCommand.Settings settings, Set<String> profiles, List<Check> checks, List<Recording> recordings,
    Map<String, String> parameters, TargetConfig targetConfig, String target, String mode, String credentialNote,
    URI proxy, RequestPlan requests, double usd, List<String> unpriced, Path priceSource, Waivers waivers,
    Optional<dev.relaytck.trial.TrialEstimate> trial, LiveModelChoice liveModel) {

  /** Where the self-check's parameters point until {@link StartTarget} starts the embedded replay upstream. */
  static final String NOT_STARTED = "http://127.0.0.1:1";

  RunPlan {
    profiles = Set.copyOf(profiles);
    checks = List.copyOf(checks);
    recordings = List.copyOf(recordings);
    parameters = Map.copyOf(parameters);
    unpriced = List.copyOf(unpriced);
  }

  /** The whole live estimate: the requests of the scenarios and run checks, and the trial's. */
  double totalUsd() {
    return usd + TrialPlan.usd(trial);
  }

  boolean live() {
    return !targetConfig.hermetic();
  }

  boolean selfCheck() {
    return settings.selfCheck();
  }

  /**
   * Works the plan out. In hermetic mode this asks the replay upstream which scenarios it serves
   * and at which time scale (a bounded request); nothing is sent to the target.
   *
   * @param warnings where notes about the replay upstream's scenarios go
   */
  static RunPlan build(RunCommand.Settings s, EvidenceOptions evidence, ClientOptions client, Map<String, String> env,
      PrintWriter warnings, Integer maxOutputTokens)
      throws java.io.IOException {
    Waivers waived = s.waivers() == null ? Waivers.none() : Waivers.read(s.waivers());
    PriceTable priceTable = s.prices() == null ? PriceTable.defaults() : PriceTable.read(s.prices());
    Set<String> profiles = Profiles.expand(s.profiles());
    List<Check> base = s.checks().isEmpty() ? Catalog.all() : Catalog.select(s.checks());
    List<Check> selected = base.stream().filter(c -> profiles.contains(c.spec().profile())).toList();
    List<Recording> recordings = SelectedRecordings.forChecks(selected);

    Map<String, String> parameters = new LinkedHashMap<>();
    String mode;
    String target;
    String credentialNote;
    if (s.selfCheck()) {
      target = "(embedded replay upstream, started when the run starts)";
      parameters.put(TargetConfig.BASE_URL, NOT_STARTED);
      parameters.put(TargetConfig.REPLAY_URL, NOT_STARTED);
      parameters.put(TargetConfig.TIME_SCALE, Double.toString(RunCommand.SELF_CHECK_TIME_SCALE));
      // The embedded target is the upstream itself: a fact only the runner knows, passed as data
      // (never a capability a target could declare), so the checks of a relay's handling of
      // upstream faults are skipped, saying so.
      parameters.put(dev.relaytck.check.RunContext.SELF_CHECK, "true");
      // Never the user's key, even to our own loopback server: StartTarget makes one for this run.
      parameters.put(TargetConfig.API_KEY, "relaytck-selfcheck-dry-run");
      mode = "self-check (hermetic: the embedded replay upstream is both the relay and the upstream)";
      credentialNote = "a credential generated for this run (yours are never sent in the self-check)";
    } else {
      URI replayUri = s.replay() == null ? null : RunCommand.url("--replay", s.replay());
      target = s.baseUrl() != null ? s.baseUrl() : s.replay();
      parameters.put(TargetConfig.BASE_URL, target);
      if (replayUri != null) {
        ReplayInfo info = ReplayInfo.fetch(replayUri, Duration.ofSeconds(10));
        parameters.put(TargetConfig.REPLAY_URL, s.replay());
        if (info.timeScale() > 0) parameters.put(TargetConfig.TIME_SCALE, Double.toString(info.timeScale()));
        recordings = served(recordings, info, s.replay(), warnings);
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
    if (evidence != null) evidence.addTo(parameters);
    if (evidence != null) evidence.validateBilling();
    if (s.prices() != null) parameters.put(EvidenceSettings.PRICES, s.prices().toString());
    parameters.put(EvidenceSettings.MAX_COST_USD, Double.toString(s.maxCostUsd()));

    if (client != null) client.addTo(parameters);
    if (s.caCert() != null) parameters.put(Transport.CA_CERT, s.caCert().toString());

    // Live: the model the user names (or the relay's first Claude model) and its output limit shape every request.
    // Without --model, a given identity reference names the model: comparing another one with it says nothing.
    String referenceModel = null;
    if (s.model() == null && evidence != null && evidence.reference != null && !s.selfCheck() && s.replay() == null) {
      try {
        referenceModel = dev.relaytck.identity.Reference.read(Path.of(evidence.reference)).provenance().model();
      } catch (RuntimeException unreadable) {
        throw new UsageException("--reference " + evidence.reference + ": " + unreadable.getMessage());
      }
    }
    LiveModelChoice liveModel = s.selfCheck() || s.replay() != null ? null
        : referenceModel != null ? LiveModelChoice.resolve(parameters, referenceModel, "the model of --reference", maxOutputTokens)
        : LiveModelChoice.resolve(parameters, s.model(), maxOutputTokens);
    // The environment must not configure the suite behind the flags' back (RELAYTCK_* variables).
    TargetConfig targetConfig = TargetConfig.load(k -> Optional.ofNullable(parameters.get(k)), Map.of());
    URI proxy = ClientNetwork.proxyFor(targetConfig.baseUrl(), env);
    if (proxy != null) parameters.put(Transport.PROXY, proxy.toString());
    // Read once here so that a bad value (an unreadable CA, a negative limit) is a usage error before anything runs.
    Transport.from(k -> Optional.ofNullable(parameters.get(k)));
    RunBudget.from(k -> Optional.ofNullable(parameters.get(k)));
    RequestPlan requests = RequestPlan.of(selected, new RunContext(targetConfig, ScenarioCatalog.forRun(recordings),
        k -> Optional.ofNullable(parameters.get(k))));
    List<String> unpriced = new ArrayList<>();
    double usd = requests.costUsd(priceTable, unpriced);
    Optional<dev.relaytck.trial.TrialEstimate> trial = TrialPlan.of(selected, targetConfig.hermetic(), parameters);
    TrialPlan.reserveBudget(trial, !targetConfig.hermetic(), usd, s.maxCostUsd(), parameters);
    return new RunPlan(s, profiles, selected, recordings, parameters, targetConfig, target, mode, credentialNote,
        proxy, requests, usd, unpriced, s.prices(), waived, trial, liveModel);
  }

  /** The recordings the replay upstream serves; warns about what it serves that the kit does not know. */
  private static List<Recording> served(List<Recording> recordings, ReplayInfo info, String replay, PrintWriter warnings) {
    List<Recording> served = recordings.stream().filter(r -> info.scenarios().contains(r.scenario())).toList();
    Set<String> unknown = new LinkedHashSet<>(info.scenarios());
    // Scenarios of profiles not selected are known, just not run: only the rest is worth a warning.
    SelectedRecordings.known().forEach(r -> unknown.remove(r.scenario()));
    if (!unknown.isEmpty()) {
      warnings.println("relay-tck run: the replay upstream serves " + unknown.size() + " scenario(s) this kit has no recording of, not run: "
          + String.join(", ", unknown));
    }
    if (served.isEmpty()) throw new UsageException("--replay " + replay + " serves none of the kit's scenarios");
    if (claudeCode(recordings) && !claudeCode(served)) {
      warnings.println("relay-tck run: the replay upstream serves none of the Claude Code scenarios, so the claude-code checks"
          + " will be skipped; run 'relay-tck serve' without --recordings to serve them");
    }
    return served;
  }

  private static boolean claudeCode(List<Recording> recordings) {
    return recordings.stream().anyMatch(r -> r.features().contains(ClaudeCodeRecordings.FEATURE));
  }

  /** The plan as the console shows it before anything is sent: target, mode, credential, profiles, estimate. */
  void describeTo(PrintWriter out) {
    out.println("relay-tck run");
    out.println("  target:      " + target + (proxy != null ? " (through proxy " + proxy.getHost() + ":" + proxy.getPort() + ")" : ""));
    out.println("  mode:        " + mode);
    out.println("  credential:  " + credentialNote);
    if (liveModel != null) out.println("  model:       " + liveModel.model() + " (" + liveModel.source() + ")");
    out.println("  profiles:    " + String.join(", ", Profiles.expand(settings.profiles()))
        + (settings.checks().isEmpty() ? "" : "; checks " + String.join(",", settings.checks())));
    if (live()) {
      out.printf(Locale.ROOT, "  estimate:    %d requests, about %,d tokens, about %.4f USD at %s (limit --max-cost-usd %.2f)%n",
          requests.sends(), requests.tokens(), usd, priceSource == null ? "the default list prices by model family" : priceSource.toString(),
          settings.maxCostUsd());
    } else {
      out.printf(Locale.ROOT, "  estimate:    %d requests, no cost: hermetic runs are answered by the replay upstream%n", requests.sends());
    }
    TrialPlan.describe(trial, live(), out);
    out.flush();
  }

  /** Why a live run must not start (an unpriced model, or an estimate above the limit); empty when it may. */
  Optional<String> refusal() {
    if (live() && !unpriced.isEmpty()) {
      return Optional.of("the price table has no price for model(s) " + String.join(", ", new LinkedHashSet<>(unpriced))
          + "; add a family to --prices (or a '*' entry)");
    }
    if (live() && totalUsd() > settings.maxCostUsd()) {
      return Optional.of(String.format(Locale.ROOT, "refusing to start: the estimated cost %.4f USD exceeds --max-cost-usd %.2f;"
          + " raise the limit, or narrow the run with --check or --profile", totalUsd(), settings.maxCostUsd()));
    }
    return Optional.empty();
  }

  /** The dry run's listing: every request that would be sent. */
  void listRequests(PrintWriter out) {
    out.println("dry run: these requests would be sent (method, path, scenario, model, body size); nothing was sent");
    requests.requests().forEach(p -> out.println("  " + RequestPlan.describe(p)));
    TrialPlan.listRequests(trial, out);
    out.flush();
  }
}
