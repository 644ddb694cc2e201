package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.EpCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** EP: count_tokens and unknown paths. */
final class EpRules {
  static final String UNKNOWN_PATH = "/v1/relay-tck-no-such-endpoint";

  private EpRules() {}

  static List<CheckEvaluator> all() {
    return List.of(
        new Rule(EpCheck.EP_010, Applies.and(
            (s, run) -> run.config().absent().contains("count-tokens")
                ? Optional.of("the target declares count_tokens absent (capability -count-tokens)") : Optional.empty(),
            Applies.when(s -> "/v1/messages/count_tokens".equals(s.recording().request().path()) && s.recordedStatus() == 200,
                "not a count_tokens scenario")), EpRules::countTokens),
        new Rule(EpCheck.EP_050, Applies.primaryOnly(), EpRules::unknownPath));
  }

  private static Verdict countTokens(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(EpCheck.EP_010, e).ifPresent(v::add);
    if (v.isEmpty()) {
      Optional<JsonNode> json = e.json();
      JsonNode n = json.map(j -> j.path("input_tokens")).orElse(null);
      if (e.status() != 200) {
        v.add(Violation.of(EpCheck.EP_010, Location.NONE, "count_tokens was not answered: " + Responses.quote(e.excerpt(200)), 200, e.status()));
      } else if (n == null || !n.isIntegralNumber() || n.asLong() <= 0) {
        v.add(Violation.of(EpCheck.EP_010, Location.pointer("/input_tokens"), "no positive input_tokens",
            "{\"input_tokens\": n > 0}", Responses.quote(e.excerpt(200))));
      } else if (p.config().hermetic()) {
        long recorded = MsgRules.recorded(p).path("input_tokens").asLong(-1);
        if (recorded > 0 && recorded != n.asLong()) {
          v.add(Violation.of(EpCheck.EP_010, Location.pointer("/input_tokens"), "differs from the recording", recorded, n.asLong()));
        }
      }
    }
    return Verdict.of(v, "input_tokens answered", context(e));
  }

  private static Verdict unknownPath(Probe p) {
    Exchange e = p.variant("unknown-path", r -> ExchangeRequest.get(UNKNOWN_PATH));
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(EpCheck.EP_050, e).ifPresent(v::add);
    if (v.isEmpty()) {
      if (e.status() != 404) {
        v.add(Violation.of(EpCheck.EP_050, Location.NONE, "GET " + UNKNOWN_PATH + " got the wrong status", 404, e.status()));
      } else {
        v.addAll(Responses.errorShape(EpCheck.EP_050, e));
        String type = Responses.errorType(e);
        if (v.isEmpty() && !"not_found_error".equals(type)) {
          v.add(Violation.of(EpCheck.EP_050, Location.pointer("/error/type"), "the wrong error type", "not_found_error", type));
        }
      }
    }
    return Verdict.of(v, "404 not_found_error", context(e));
  }
}
