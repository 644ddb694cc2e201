package dev.relaytck.billing;

import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

/**
 * The billing evidence of one run, gathered once and shared by the BILL checks: the balance
 * audit (BILL-040, and BILL-060 reads its figures), the failed-request audit (BILL-050). Each
 * piece is published under {@code metrics.billing} of the report as soon as it is known.
 */
public final class BillingRun {
  private static final Map<RunContext, BillingRun> RUNS = Collections.synchronizedMap(new WeakHashMap<>());

  private final RunContext run;
  private final BillingSettings settings;
  private final Map<String, Object> metric = new LinkedHashMap<>();
  private AuditResult audit;
  private FailedRequestsAudit.Result failed;
  private CancelledStreamAudit.Result cancelled;
  private ReferenceCounts.Result referenceCounts;

  private BillingRun(RunContext run) {
    this.run = run;
    this.settings = BillingSettings.of(run);
  }

  public static BillingRun of(RunContext run) {
    return RUNS.computeIfAbsent(run, BillingRun::new);
  }

  public BillingSettings settings() {
    return settings;
  }

  /** The balance audit, run on first use (needs {@code --balance}). */
  public synchronized AuditResult audit() {
    if (audit == null) {
      audit = BalanceAudit.run(run, settings);
      publish("audit", audit.toMap());
      settings.price().ifPresent(p -> publish("advertisedUsdPerMillion", p.toMap()));
    }
    return audit;
  }

  /** The failed-request audit, run on first use (needs {@code --balance}). */
  public synchronized FailedRequestsAudit.Result failedRequests() {
    if (failed == null) {
      failed = FailedRequestsAudit.run(run, settings);
      publish("failedRequests", failed.toMap());
    }
    return failed;
  }

  /** BILL-010's comparison with the identity reference's counts, sent on first use (live, with {@code --reference}). */
  public synchronized ReferenceCounts.Result referenceCounts() {
    if (referenceCounts == null) {
      referenceCounts = ReferenceCounts.run(run);
      if (!referenceCounts.state().equals("none")) publish("referenceCounts", referenceCounts.toMap());
    }
    return referenceCounts;
  }

  /** The cancelled-stream audit, run on first use (needs {@code --balance}; judged with {@code --price}). */
  public synchronized CancelledStreamAudit.Result cancelledStream() {
    if (cancelled == null) {
      cancelled = CancelledStreamAudit.run(run, settings);
      publish("cancelledStream", cancelled.toMap());
    }
    return cancelled;
  }

  /**
   * The effective price: from the audit when it measured something, else the advertised price;
   * empty when neither is known.
   */
  public synchronized Optional<EffectivePrice> effective() {
    AuditResult a = settings.balance().isPresent() ? audit() : null;
    String model = claimedModel(a);
    Price list = settings.listPrices().of(model);
    if (list == null) return Optional.empty();
    TypicalHour hour = TypicalHour.fromRecordings();
    EffectivePrice e;
    if (a != null && a.state() == AuditResult.State.MEASURED && a.listUsd() > 0) {
      double f = a.ratioToList();
      e = new EffectivePrice(model, settings.listPrices().family(model), list, list.times(f), f, "charged", settings.listPriceSource(), hour);
    } else if (settings.price().isPresent()) {
      Price p = settings.price().get();
      double atList = list.usd(hour.perHour());
      e = new EffectivePrice(model, settings.listPrices().family(model), list, p, atList > 0 ? p.usd(hour.perHour()) / atList : Double.NaN,
          "advertised", settings.listPriceSource(), hour);
    } else {
      return Optional.empty();
    }
    publish("effective", e.toMap());
    return Optional.of(e);
  }

  /** The model the relay claims to serve: --model, else the model most audit requests named, else the primary scenario's. */
  String claimedModel(AuditResult a) {
    if (run.config().model() != null) return run.config().model();
    if (a != null && !a.charges().isEmpty()) {
      return a.charges().stream().collect(Collectors.groupingBy(Charge::model, LinkedHashMap::new, Collectors.counting()))
          .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
    return run.primary().map(Scenario::recording).map(r -> r.model()).orElse(null);
  }

  private void publish(String key, Object value) {
    metric.put(key, value);
    run.putMetric("billing", new LinkedHashMap<>(metric));
  }
}
