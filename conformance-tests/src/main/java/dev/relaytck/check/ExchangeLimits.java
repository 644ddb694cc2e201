package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.target.Ending;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A response the kit stopped reading because it exceeded {@code --max-body-bytes} (an endless
 * line, a gzip bomb) cannot have been judged on what the relay meant to send: every check that
 * read it fails, saying which limit and which exchange, instead of passing on a truncated body or
 * failing on an artefact of the truncation.
 */
final class ExchangeLimits {
  private ExchangeLimits() {}

  /** {@code v}, or a failure when an exchange behind it ended at the body limit. */
  static Verdict judge(Verdict v, Check check, Probe probe) {
    if (v.outcome() == Outcome.SKIPPED) return v;
    Optional<Exchange> over = probe.touched().stream()
        .map(key -> probe.run().cache().peek(key))
        .flatMap(Optional::stream)
        .filter(e -> e.ending() == Ending.BODY_LIMIT)
        .findFirst();
    if (over.isEmpty()) return v;
    Exchange e = over.get();
    List<Violation> violations = new ArrayList<>();
    violations.add(Violation.of(check, Location.NONE,
        "the response was too large to judge: " + e.endingDetail(), "a response within --max-body-bytes", e.summary()));
    if (v.outcome() == Outcome.FAILED) violations.addAll(v.violations());
    Map<String, Object> evidence = new LinkedHashMap<>(v.evidence());
    evidence.put("exchange", e.summary());
    return Verdict.of(violations, "", evidence);
  }
}
