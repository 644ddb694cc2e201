package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.EvtCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.sse.SseParser;
import dev.relaytck.stream.StreamValidator;
import dev.relaytck.stream.ValidationReport;
import dev.relaytck.target.Chunk;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * EVT: the protocol core's stream validator ({@link SseParser} feeding
 * {@link StreamValidator}) applied to the stream as it arrived, chunk by chunk. Each check
 * reports the validator's findings for its own ID.
 */
final class EvtRules {
  private EvtRules() {}

  static List<CheckEvaluator> all() {
    BiFunction<Scenario, RunContext, Optional<String>> clean = Applies.when(
        s -> s.streaming() && Applies.successfulMessage(s), "not a fault-free streaming scenario");
    BiFunction<Scenario, RunContext, Optional<String>> errorEvent = Applies.when(
        s -> s.streaming() && s.streamErrorType().isPresent(), "no mid-stream error event in this scenario");
    List<CheckEvaluator> rules = new ArrayList<>();
    for (EvtCheck c : EvtCheck.values()) {
      rules.add(new Rule(c, c == EvtCheck.EVT_060 ? errorEvent : clean, p -> findings(p, c)));
    }
    return rules;
  }

  private static Verdict findings(Probe p, Check check) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    if (e.status() < 0) {
      v.add(Violation.of(check, Location.NONE, "no response from the relay: " + e.summary()));
    } else if (!SseRules.looksLikeStream(e)) {
      v.add(Violation.of(check, Location.header("content-type"), "no event stream to check (see SSE-010)",
          "text/event-stream", e.header("content-type").orElse("absent")));
    } else {
      ValidationReport report = report(p.run(), e);
      for (Violation found : report.violations()) {
        if (found.check() == check) v.add(found);
      }
    }
    return Verdict.of(v, "ok", context(e));
  }

  /**
   * The validator's findings of {@code found} on {@code e}, attributed to {@code as}: a check that
   * enforces the same rule in its own area (THINK-010 on EVT-080, TOOL-060 on EVT-070) reuses the
   * one parse of the exchange instead of re-implementing it.
   */
  static List<Violation> findingsAs(RunContext run, Exchange e, Check found, Check as) {
    List<Violation> out = new ArrayList<>();
    for (Violation v : report(run, e).violations()) {
      if (v.check() == found) out.add(new Violation(as, v.location(), v.message(), v.expected(), v.actual()));
    }
    return out;
  }

  /** The validator's report for {@code e}, computed once per exchange and kept for the run only. */
  static ValidationReport report(RunContext run, Exchange e) {
    Map<Exchange, ValidationReport> reports = run.streamReports();
    synchronized (reports) {
      return reports.computeIfAbsent(e, EvtRules::validate);
    }
  }

  private static ValidationReport validate(Exchange e) {
    StreamValidator validator = new StreamValidator();
    SseParser parser = new SseParser(validator);
    if (e.header("content-encoding").isPresent()) {
      parser.feed(e.body(), e.endNanos());
    } else {
      for (Chunk c : e.chunks()) parser.feed(c.bytes(), c.arrivalNanos());
    }
    parser.end(e.endNanos());
    return validator.finish(parser.position());
  }
}
