package dev.relaytck.check;

import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.outcome.SkipBasis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one check on one scenario, with the violations behind a failure and the
 * evidence a report shows.
 */
public record Verdict(Outcome outcome, String message, List<Violation> violations, Map<String, Object> evidence,
    SkipBasis skipBasis) {
  public Verdict {
    violations = List.copyOf(violations);
    evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    skipBasis = skipBasis == null ? SkipBasis.NONE : skipBasis;
  }

  public Verdict(Outcome outcome, String message, List<Violation> violations, Map<String, Object> evidence) {
    this(outcome, message, violations, evidence, SkipBasis.NONE);
  }

  public static Verdict pass(String message) {
    return new Verdict(Outcome.PASSED, message, List.of(), Map.of());
  }

  public static Verdict skip(String reason) {
    return new Verdict(Outcome.SKIPPED, reason, List.of(), Map.of());
  }

  /** A skip whose {@code basis} (data, never read back from the reason) may let certification tolerate it. */
  public static Verdict skip(String reason, SkipBasis basis) {
    return new Verdict(Outcome.SKIPPED, reason, List.of(), Map.of(), basis);
  }

  public static Verdict inconclusive(String reason, Map<String, Object> evidence) {
    return new Verdict(Outcome.INCONCLUSIVE, reason, List.of(), evidence);
  }

  /** Failed when there is any violation, passed with {@code passMessage} otherwise. */
  public static Verdict of(List<Violation> violations, String passMessage, Map<String, Object> context) {
    if (violations.isEmpty()) return pass(passMessage);
    Map<String, Object> evidence = new LinkedHashMap<>(context);
    Violation first = violations.get(0);
    if (first.expected() != null) evidence.put("expected", first.expected());
    if (first.actual() != null) evidence.put("actual", first.actual());
    Map<String, Object> loc = location(first.location());
    if (!loc.isEmpty()) evidence.put("location", loc);
    if (violations.size() > 1) evidence.put("violations", violations.size());
    String message = violations.stream().limit(5).map(Violation::toString).collect(Collectors.joining("; "))
        + (violations.size() > 5 ? "; and " + (violations.size() - 5) + " more" : "");
    return new Verdict(Outcome.FAILED, message, violations, evidence);
  }

  static Map<String, Object> location(Location l) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (l.eventIndex() != null) m.put("eventIndex", l.eventIndex());
    if (l.byteOffset() != null) m.put("byteOffset", l.byteOffset());
    if (l.header() != null) m.put("header", l.header());
    if (l.jsonPointer() != null) m.put("pointer", l.jsonPointer());
    return m;
  }
}
