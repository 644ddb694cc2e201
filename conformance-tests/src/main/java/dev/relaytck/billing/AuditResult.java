package dev.relaytck.billing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a balance audit found. {@link State#MEASURED} carries the figures behind BILL-040's
 * verdict; every other state is a reason the audit could not judge, said in {@link #message}.
 *
 * @param expectedUsd the reported usage at the advertised price (NaN without --price)
 * @param listUsd the reported usage at the official list price of each request's model
 */
public record AuditResult(
    State state, String message, String source, List<Charge> charges, TokenCount tokens, Readings readings,
    double expectedUsd, double listUsd, double tolerance, int moreRequestsNeeded) {

  public enum State { MEASURED, UNREADABLE, NO_USAGE, UNRESOLVED }

  public static AuditResult unjudged(State state, String message, String source, List<Charge> charges, TokenCount tokens, Readings readings) {
    return new AuditResult(state, message, source, charges, tokens, readings, Double.NaN, Double.NaN, Double.NaN, 0);
  }

  public double chargedUsd() {
    return readings == null ? Double.NaN : readings.chargedUsd();
  }

  /** Charged over expected at the advertised price. */
  public double ratio() {
    return chargedUsd() / expectedUsd;
  }

  /** Charged over the list price of the same usage. */
  public double ratioToList() {
    return chargedUsd() / listUsd;
  }

  /** The accepted difference in USD: the relative tolerance plus one balance unit per request. */
  public double toleranceUsd() {
    return tolerance * expectedUsd + charges.size() * readings.resolutionUsd();
  }

  public boolean withinTolerance() {
    return Math.abs(chargedUsd() - expectedUsd) <= toleranceUsd();
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    m.put("balanceSource", source);
    m.put("requests", charges.size());
    m.put("tokens", tokens.toMap());
    if (readings != null) m.putAll(readings.toMap());
    if (!Double.isNaN(expectedUsd)) m.put("expectedUsd", Figures.round(expectedUsd));
    if (readings != null) m.put("chargedUsd", Figures.round(chargedUsd()));
    if (!Double.isNaN(expectedUsd) && expectedUsd > 0 && readings != null) {
      m.put("ratio", Figures.round(ratio()));
      m.put("toleranceUsd", Figures.round(toleranceUsd()));
    }
    if (!Double.isNaN(listUsd) && listUsd > 0 && readings != null) {
      m.put("listUsd", Figures.round(listUsd));
      m.put("ratioToList", Figures.round(ratioToList()));
    }
    if (moreRequestsNeeded > 0) m.put("moreRequestsNeeded", moreRequestsNeeded);
    if (state != State.MEASURED) m.put("reason", message);
    return m;
  }
}
