package dev.relaytck.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the SEC checks, published once per run as {@code metrics.security} (documented
 * in the kit's report schema): one object per check that ran, the exact bytes of every
 * difference found ({@code diffs}, what the report's security section draws), and the list of
 * what a black-box test cannot see ({@code notObservable}), always present.
 */
public final class SecurityFigures {
  private final Map<String, Object> figures = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<Map<String, Object>> diffs = Collections.synchronizedList(new ArrayList<>());

  public SecurityFigures() {
    figures.put("notObservable", BlackBoxLimits.QUESTIONS);
    figures.put("advice", BlackBoxLimits.ADVICE);
    figures.put("diffs", diffs);
  }

  /** Sets the figures of one check ({@code integrity}, {@code isolation}, {@code endurance}, ...). */
  public void put(String name, Object value) {
    figures.put(name, value);
  }

  /** Records the findings of {@code checkId} for the report (at most 20 per check). */
  public void addFindings(String checkId, List<Finding> findings) {
    findings.stream().limit(20).forEach(f -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("check", checkId);
      m.putAll(f.evidence());
      diffs.add(m);
    });
  }

  /** What report.json carries: a snapshot. */
  public Map<String, Object> snapshot() {
    synchronized (figures) {
      Map<String, Object> copy = new LinkedHashMap<>(figures);
      synchronized (diffs) {
        copy.put("diffs", List.copyOf(diffs));
      }
      return copy;
    }
  }
}
