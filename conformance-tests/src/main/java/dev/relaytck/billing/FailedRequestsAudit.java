package dev.relaytck.billing;

import dev.relaytck.check.RunContext;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BILL-050's evidence: the balance around requests that fail (hermetic: errors the replay upstream
 * sends; live: a request the API rejects). They should cost nothing; one balance step per request
 * is allowed for rounding.
 */
public final class FailedRequestsAudit {
  private FailedRequestsAudit() {}

  /**
   * @param state {@code measured}, {@code unreadable}, {@code answered} (some "failing" request
   *     was answered with 200, so it may rightly cost) or {@code none} (no failing request to send)
   */
  public record Result(String state, String message, List<Integer> statuses, Readings readings) {
    public double chargedUsd() {
      return readings.chargedUsd();
    }

    public double allowedUsd() {
      return statuses.size() * readings.resolutionUsd();
    }

    public boolean free() {
      return chargedUsd() <= allowedUsd() + 1e-12;
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("state", state);
      m.put("requests", statuses.size());
      m.put("statuses", statuses);
      if (readings != null) {
        m.putAll(readings.toMap());
        m.put("chargedUsd", Figures.round(chargedUsd()));
        m.put("allowedUsd", Figures.round(allowedUsd()));
      }
      if (!state.equals("measured")) m.put("reason", message);
      return m;
    }
  }

  static Result run(RunContext run, BillingSettings settings) {
    BalanceReader reader = settings.reader();
    List<ExchangeRequest> requests = AuditWorkload.failing(run);
    if (requests.isEmpty()) {
      return new Result("none", "no failing request to send: hermetic, the replay upstream serves no error scenario;"
          + " live, no model is known (pass --model)", List.of(), null);
    }
    Balance before;
    try {
      before = BalanceAudit.settled(reader, settings.settle());
    } catch (BalanceUnreadable e) {
      return new Result("unreadable", "the balance could not be read: " + e.getMessage(), List.of(), null);
    }
    List<Integer> statuses = new ArrayList<>();
    int i = 0;
    for (ExchangeRequest r : requests) {
      Exchange e = run.client().send("billing-failed-" + (++i), r);
      statuses.add(e.status());
    }
    Readings readings;
    try {
      Balance after = reader.read();
      BalanceAudit.sleep(settings.settle());
      readings = new Readings(before, after, reader.read());
    } catch (BalanceUnreadable e) {
      return new Result("unreadable", "the balance could not be read after the failing requests: " + e.getMessage(), statuses, null);
    }
    if (statuses.contains(200)) {
      return new Result("answered", "the relay answered " + statuses.stream().filter(s -> s == 200).count() + " of the "
          + statuses.size() + " failing requests with 200 (statuses " + statuses + "), so their cost may be due", statuses, readings);
    }
    return new Result("measured", "measured", statuses, readings);
  }
}
