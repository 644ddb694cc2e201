package dev.relaytck.billing;

import dev.relaytck.check.RunCheck.PlannedSend;
import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests the billing audits will send, declared before the run ({@code RunCheck.plannedSends})
 * so a live run's printed estimate includes them: the balance audit's recorded conversations (one
 * entry each, with the tokens the recording reports; shared by BILL-040 and BILL-060 through the
 * key) and BILL-050's failing requests (rejected before any model runs: no tokens).
 */
public final class AuditPlan {
  private AuditPlan() {}

  public static List<PlannedSend> audit(RunContext run, BillingSettings settings) {
    List<PlannedSend> out = new ArrayList<>();
    for (Scenario s : AuditWorkload.successful(run, settings.listPrices())) {
      TokenCount t = Usage.recorded(s.recording()).flatMap(Usage::tokens).orElse(TokenCount.ZERO);
      ExchangeRequest r = ScenarioRequests.build(s, run.config(), s.freshMarker());
      out.add(new PlannedSend("billing-audit-" + s.id(), "billing audit: " + s.id(), r.pathAndQuery(), AuditWorkload.model(run, s),
          r.body() == null ? 0 : r.body().length, 1, t.prompt(), t.output()));
    }
    return out;
  }

  public static List<PlannedSend> failing(RunContext run) {
    List<ExchangeRequest> failing = AuditWorkload.failing(run);
    if (failing.isEmpty()) return List.of();
    ExchangeRequest r = failing.get(0);
    String model = run.config().model() != null ? run.config().model()
        : run.primary().map(s -> AuditWorkload.model(run, s)).orElse(null);
    return List.of(new PlannedSend("billing-failed", "billing: failing requests", r.pathAndQuery(), model,
        r.body() == null ? 0 : r.body().length, failing.size(), 0, 0));
  }
}
