package dev.relaytck.billing;

import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The balance audit (BILL-040): read the balance, send the workload, read it right after and
 * once more after the settle delay, and compare what the balance lost with the reported usage at
 * the advertised price. A balance that moved less than twenty of its own steps cannot show a 2 %
 * difference: that is inconclusive, saying how many more requests would resolve it.
 */
final class BalanceAudit {
  /** How many balance steps the expected charge must span before a ratio means anything. */
  static final int MIN_STEPS = 20;

  private BalanceAudit() {}

  static AuditResult run(RunContext run, BillingSettings settings) {
    BalanceReader reader = settings.reader();
    String source = settings.balance().orElseThrow().name();
    List<Charge> charges = new ArrayList<>();
    Balance before;
    try {
      before = settled(reader, settings.settle());
    } catch (BalanceUnreadable e) {
      return AuditResult.unjudged(AuditResult.State.UNREADABLE, "the balance could not be read before the run: " + e.getMessage(),
          source, charges, TokenCount.ZERO, null);
    }
    int i = 0;
    for (Scenario s : AuditWorkload.successful(run, settings.listPrices())) {
      charges.add(AuditWorkload.send(run, s, "billing-audit-" + (++i) + "-" + s.id()));
    }
    TokenCount tokens = charges.stream().map(Charge::tokens).reduce(TokenCount.ZERO, TokenCount::plus);
    Readings readings;
    try {
      Balance after = reader.read();
      sleep(settings.settle());
      readings = new Readings(before, after, reader.read());
    } catch (BalanceUnreadable e) {
      return AuditResult.unjudged(AuditResult.State.UNREADABLE, "the balance could not be read after the run: " + e.getMessage(),
          source, charges, tokens, null);
    }
    double expected = settings.price().map(p -> p.usd(tokens)).orElse(Double.NaN);
    double list = 0;
    for (Charge c : charges) {
      Price p = settings.listPrices().of(c.model());
      list += p == null ? 0 : p.usd(c.tokens());
    }
    double basis = Double.isNaN(expected) ? list : expected;
    if (charges.isEmpty() || basis <= 0) {
      return AuditResult.unjudged(AuditResult.State.NO_USAGE, "the relay reported no usage for the " + charges.size()
          + " audit request(s) (answers: " + statuses(charges) + "), so there is nothing to price", source, charges, tokens, readings);
    }
    double step = readings.resolutionUsd();
    if (basis < MIN_STEPS * step) {
      double perRequest = basis / charges.size();
      int more = (int) Math.ceil(MIN_STEPS * step / perRequest) - charges.size();
      return new AuditResult(AuditResult.State.UNRESOLVED, String.format(java.util.Locale.ROOT,
          "the %d requests should cost %.6f USD, less than %d steps of the balance's resolution (%.6f USD): about %d more"
              + " requests like these would resolve a 2 %% difference", charges.size(), basis, MIN_STEPS, step, Math.max(1, more)),
          source, charges, tokens, readings, expected, list, settings.tolerance(), Math.max(1, more));
    }
    return new AuditResult(AuditResult.State.MEASURED, "measured", source, charges, tokens, readings, expected, list,
        settings.tolerance(), 0);
  }

  /**
   * A reading taken once the balance has stopped moving: requests sent before the audit (other
   * checks, other clients of the account) may still be booked asynchronously, and must not land
   * inside the audit's window. Read, wait the settle delay, read again until two readings agree
   * (three tries at most).
   */
  static Balance settled(BalanceReader reader, Duration settle) throws BalanceUnreadable {
    Balance previous = reader.read();
    if (settle.isZero()) return previous;
    for (int i = 0; i < 3; i++) {
      sleep(settle);
      Balance now = reader.read();
      if (Math.abs(now.usd() - previous.usd()) < Math.min(now.resolutionUsd(), previous.resolutionUsd()) / 2) return now;
      previous = now;
    }
    return previous;
  }

  static String statuses(List<Charge> charges) {
    return charges.stream().map(c -> String.valueOf(c.status())).reduce((a, b) -> a + ", " + b).orElse("none");
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
