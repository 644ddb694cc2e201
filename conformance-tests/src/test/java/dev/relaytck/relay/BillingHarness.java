package dev.relaytck.relay;

import dev.relaytck.billing.Price;
import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunCheck;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The real replay upstream serving the bundled recordings (and its injected faults), a
 * {@link BillingRelay} in front of it, and a hermetic run of the BILL checks with the relay's
 * balance read through new-api's API (or the settings a test gives).
 */
public final class BillingHarness implements AutoCloseable {
  /** What the honest relay charges, USD per million tokens (Sonnet-class list prices). */
  public static final Price PRICE = new Price(3, 15, 3.75, 0.3);
  public static final String PRICE_FLAG = "in=3,out=15,cache_write=3.75,cache_read=0.3";

  /** A setting of these harnesses only: "true" judges as in a live run (no journal, no recording to compare with). */
  public static final String LIVE = "test.live";

  public final ReplayServer replay;
  private final RemarkingUpstream remarking;
  public final BillingRelay relay;
  public final RunContext run;

  private final boolean ownReplay;

  /**
   * The bundled official recordings the billing proofs need: every kind of token (plain, streamed,
   * tool use, thinking, cache write and read, max_tokens), count_tokens, and upstream errors.
   */
  static final Set<String> SCENARIOS = Set.of("text-json", "text-stream", "tool-use-json", "thinking-stream", "cache-write",
      "cache-read", "max-tokens-json", "max-tokens-stream", "count-tokens", "error-400", "error-500", "error-529");

  public static List<Recording> recordings() {
    return Recordings.bundled().stream().filter(r -> SCENARIOS.contains(r.scenario())).toList();
  }

  /** A replay upstream the harnesses of a test class can share. */
  public static ReplayServer startReplay() {
    return ReplayServer.start(ReplayOptions.of(recordings()).withTimeScale(0));
  }

  public BillingHarness(BillingRelay.Mode mode, Price relayPrice, long bookDelayMs, Map<String, String> settings) throws IOException {
    this(null, mode, relayPrice, bookDelayMs, settings);
  }

  /** On {@code shared} when given (left open on close), else on a replay upstream of its own. */
  public BillingHarness(ReplayServer shared, BillingRelay.Mode mode, Price relayPrice, long bookDelayMs, Map<String, String> settings)
      throws IOException {
    List<Recording> recordings = recordings();
    ownReplay = shared == null;
    replay = shared != null ? shared : startReplay();
    // Live requests carry no marker: the replay upstream is then reached through one that finds it from the request.
    remarking = "true".equals(settings.get(LIVE)) ? new RemarkingUpstream(java.net.URI.create(replay.baseUrl()), recordings) : null;
    relay = new BillingRelay(remarking != null ? remarking.url() : java.net.URI.create(replay.baseUrl()), mode, relayPrice, bookDelayMs);
    Map<String, String> p = new HashMap<>(defaults());
    // "{relay}" in a setting stands for the relay's URL, known only now (a balance URL on the relay).
    settings.forEach((k, v) -> p.put(k, v.replace("{relay}", relay.url().toString())));
    p.put(TargetConfig.BASE_URL, relay.url().toString());
    p.put(TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
    // LIVE in the settings runs the checks as a live run would: the replay upstream then only answers.
    if (!"true".equals(p.remove(LIVE))) p.put(TargetConfig.REPLAY_URL, replay.baseUrl());
    p.put(TargetConfig.TIMEOUT_IDLE, "5000");
    p.put(TargetConfig.TIMEOUT_HEADERS, "5000");
    p.put(TargetConfig.TIMEOUT_TOTAL, "15000");
    TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
    run = new RunContext(config, ScenarioCatalog.forRun(recordings), k -> Optional.ofNullable(p.get(k)));
  }

  public BillingHarness(BillingRelay.Mode mode) throws IOException {
    this(mode, PRICE, 0, Map.of());
  }

  /** The new-api preset with the dashboard's access token and user header, the advertised price, a short settle delay. */
  public static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(EvidenceSettings.BALANCE, "new-api");
    m.put(EvidenceSettings.BALANCE_TOKEN, BillingRelay.DASHBOARD_TOKEN);
    m.put(EvidenceSettings.BALANCE_HEADERS, "New-Api-User:" + BillingRelay.USER_ID);
    m.put(EvidenceSettings.PRICE, PRICE_FLAG);
    m.put(EvidenceSettings.BILLING_SETTLE_MS, "100");
    return m;
  }

  /** Every BILL check: per scenario, and the run-level ones once; by check ID then scenario ("(run)"). */
  public Map<String, Map<String, Verdict>> evaluate() {
    return evaluate(Catalog.all().stream().filter(c -> c.spec().area() == Area.BILL).map(Check::id).collect(java.util.stream.Collectors.toSet()));
  }

  /** The BILL checks named, as {@link #evaluate()}. */
  public Map<String, Map<String, Verdict>> evaluate(Set<String> ids) {
    Map<String, Map<String, Verdict>> out = new TreeMap<>();
    for (Check check : Catalog.all()) {
      if (!ids.contains(check.id())) continue;
      Optional<RunCheck> rc = Evaluators.runCheck(check);
      if (rc.isPresent()) {
        long t0 = System.nanoTime();
        out.computeIfAbsent(check.id(), k -> new LinkedHashMap<>()).put("(run)", Evaluators.evaluateRun(rc.get(), run));
        if (Boolean.getBoolean("relaytck.debugTiming")) System.out.println("TIMING " + check.id() + " " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        continue;
      }
      for (Scenario s : run.scenarios().all()) {
        if (Evaluators.of(check).notApplicable(s, run).isPresent()) continue;
        long t0 = System.nanoTime();
        out.computeIfAbsent(check.id(), k -> new LinkedHashMap<>()).put(s.id(), Evaluators.evaluate(check, s, run));
        if (Boolean.getBoolean("relaytck.debugTiming")) System.out.println("TIMING " + check.id() + " " + s.id() + " " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      }
    }
    return out;
  }

  /** The run-level verdict of {@code id} alone (BILL-040, BILL-050, BILL-060). */
  public Verdict evaluateRun(String id) {
    return Evaluators.evaluateRun(Evaluators.runCheck(Catalog.byId(id).orElseThrow()).orElseThrow(), run);
  }

  /** The checks with an outcome other than passed or skipped, with their first such outcome and message. */
  public static Map<String, String> notPassed(Map<String, Map<String, Verdict>> results) {
    return Harness.failures(results);
  }

  @Override
  public void close() {
    relay.close();
    if (remarking != null) remarking.close();
    if (ownReplay) replay.close();
  }
}
