package dev.relaytck.billing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The balance before the audit's requests, right after them, and after the settle delay (relays
 * that book asynchronously move only then). What was charged is before minus settled.
 */
public record Readings(Balance before, Balance after, Balance settled) {
  public double chargedUsd() {
    return before.usd() - settled.usd();
  }

  /** The finest step any of the readings could show. */
  public double resolutionUsd() {
    return Math.max(Math.min(Math.min(before.resolutionUsd(), after.resolutionUsd()), settled.resolutionUsd()), 1e-12);
  }

  /** Whether the balance moved between the reading right after the requests and the settle reading. */
  public boolean bookedLate() {
    return Math.abs(after.usd() - settled.usd()) >= resolutionUsd() / 2;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("beforeUsd", Figures.round(before.usd()));
    m.put("afterUsd", Figures.round(after.usd()));
    m.put("settledUsd", Figures.round(settled.usd()));
    m.put("resolutionUsd", Figures.round(resolutionUsd()));
    return m;
  }
}
