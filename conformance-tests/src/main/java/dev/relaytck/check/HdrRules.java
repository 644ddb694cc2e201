package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.HdrCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** HDR: response headers (request-id, content type, encoding, upstream headers passed through) and request headers forwarded upstream (hermetic). */
final class HdrRules {
  private HdrRules() {}

  static List<CheckEvaluator> all() {
    return List.of(
        // Only where the official API sent one: some edge errors (e.g. a recorded 404) carry none.
        new Rule(HdrCheck.HDR_030, Applies.when(s -> s.messages() && recorded(s, "request-id").isPresent(),
            "the official answer to this scenario has no request-id either"), HdrRules::requestId),
        new Rule(HdrCheck.HDR_040, Applies.when(s -> !s.streaming() || s.recordedStatus() != 200,
            "a streamed response (SSE-010 checks its content type)"), HdrRules::jsonContentType),
        new Rule(HdrCheck.HDR_050, Applies.hermetic(Applies.when(s -> recorded(s, "retry-after").isPresent()
                && (s.recordedStatus() == 429 || s.recordedStatus() == 529), "the recording has no 429/529 with retry-after")),
            p -> passedThrough(HdrCheck.HDR_050, p, "retry-after")),
        new Rule(HdrCheck.HDR_060, Applies.hermetic(Applies.when(s -> recorded(s, "x-should-retry").isPresent(),
                "the recording has no x-should-retry header")),
            p -> passedThrough(HdrCheck.HDR_060, p, "x-should-retry")),
        new Rule(HdrCheck.HDR_070, Applies.hermetic(Applies.when(s -> !rateLimitHeaders(s).isEmpty(),
                "the recording has no anthropic-ratelimit-* headers")), HdrRules::rateLimits),
        new Rule(HdrCheck.HDR_080, (s, run) -> Optional.empty(), HdrRules::encoding),
        new Rule(HdrCheck.HDR_090, Applies.when(s -> !s.streaming() || s.recordedStatus() != 200,
            "a streamed response (framed by chunks, not a length)"), HdrRules::contentLength),
        // Request headers the relay forwarded upstream (hermetic, from the journal).
        new Rule(HdrCheck.HDR_010, Forwarded.authored(),
            p -> Forwarded.on(p, HdrCheck.HDR_010, f -> f.sameHeader(HdrCheck.HDR_010, "anthropic-version"))),
        new Rule(HdrCheck.HDR_020, Applies.and(Forwarded.authored(), Applies.when(
                s -> s.recording().request().headers() != null && s.recording().request().headers().keySet().stream()
                    .anyMatch(k -> k.equalsIgnoreCase("anthropic-beta")), "the scenario sends no anthropic-beta")),
            p -> Forwarded.on(p, HdrCheck.HDR_020, HdrRules::betas)));
  }

  /** HDR-020: the same betas reached the upstream, in order (whitespace aside). */
  private static List<Violation> betas(Forwarded f) {
    String sent = java.util.Objects.requireNonNullElse(f.sentHeader("anthropic-beta"), "");
    Optional<String> up = f.entry().header("anthropic-beta");
    List<String> expected = split(sent);
    List<String> actual = up.map(HdrRules::split).orElse(List.of());
    if (!expected.equals(actual)) {
      return List.of(Violation.of(HdrCheck.HDR_020, Location.header("anthropic-beta"),
          "the betas reached the upstream changed", String.join(",", expected), up.isEmpty() ? "absent" : String.join(",", actual)));
    }
    return List.of();
  }

  private static List<String> split(String v) {
    return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** HDR-090: a declared Content-Length is what arrived (the JDK client stops at it, so a shortfall shows as a cut body). */
  private static Verdict contentLength(Probe p) {
    Exchange e = p.exchange();
    Optional<String> declared = e.header("content-length");
    // Nothing observed is not a pass: no response, or a body framed without a declared length.
    if (e.status() < 0) return Verdict.skip("no response to measure: " + e.summary());
    if (declared.isEmpty()) {
      return Verdict.skip("no Content-Length declared (chunked framing, which HTTP allows): nothing to compare",
          dev.relaytck.outcome.SkipBasis.OPTIONAL_FEATURE);
    }
    List<Violation> v = new ArrayList<>();
    long got = e.rawBody().length;
    long n;
    try {
      n = Long.parseLong(declared.get().trim());
    } catch (NumberFormatException ex) {
      v.add(Violation.of(HdrCheck.HDR_090, Location.header("content-length"), "Content-Length is not a number",
          "a byte count", declared.get()));
      return Verdict.of(v, "", context(e));
    }
    if (n != got) {
      v.add(Violation.of(HdrCheck.HDR_090, Location.header("content-length"), "the body has " + got + " bytes where Content-Length declared "
          + n + " (" + e.ending() + (e.endingDetail() == null ? "" : ": " + e.endingDetail()) + ")", n, got));
    }
    return Verdict.of(v, "Content-Length " + n + " matches the body", context(e));
  }

  static Optional<String> recorded(Scenario s, String name) {
    Map<String, List<String>> h = s.recording().response().headers();
    if (h == null) return Optional.empty();
    for (Map.Entry<String, List<String>> e : h.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  private static List<String> rateLimitHeaders(Scenario s) {
    Map<String, List<String>> h = s.recording().response().headers();
    if (h == null) return List.of();
    return h.keySet().stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith("anthropic-ratelimit-")).sorted().toList();
  }

  private static Verdict requestId(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(HdrCheck.HDR_030, e).ifPresent(v::add);
    if (v.isEmpty() && e.header("request-id").filter(s -> !s.isBlank()).isEmpty()) {
      v.add(Violation.of(HdrCheck.HDR_030, Location.header("request-id"), "the response has no request-id header",
          "a non-empty request-id", e.hasHeader("request-id") ? "an empty value" : "absent"));
    }
    return Verdict.of(v, "request-id present", context(e));
  }

  private static Verdict jsonContentType(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(HdrCheck.HDR_040, e).ifPresent(v::add);
    if (v.isEmpty() && e.rawBody().length > 0 && !e.mediaType().equals("application/json")) {
      v.add(Violation.of(HdrCheck.HDR_040, Location.header("content-type"), "a JSON response is mislabelled",
          "application/json", e.header("content-type").orElse("absent")));
    }
    return Verdict.of(v, "content-type application/json", context(e));
  }

  private static Verdict passedThrough(Check check, Probe p, String name) {
    Exchange e = p.exchange();
    String expected = recorded(p.scenario(), name).orElseThrow();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(check, e).ifPresent(v::add);
    Optional<String> actual = e.header(name);
    if (v.isEmpty() && (actual.isEmpty() || !actual.get().trim().equals(expected.trim()))) {
      v.add(Violation.of(check, Location.header(name), "the upstream's " + name + " header did not reach the client",
          expected, actual.orElse("absent")));
    }
    return Verdict.of(v, name + " passed through", context(e));
  }

  private static Verdict rateLimits(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(HdrCheck.HDR_070, e).ifPresent(v::add);
    if (v.isEmpty()) {
      for (String name : rateLimitHeaders(p.scenario())) {
        if (!e.hasHeader(name)) {
          v.add(Violation.of(HdrCheck.HDR_070, Location.header(name), "a rate-limit header of the upstream was dropped",
              recorded(p.scenario(), name).orElse(""), "absent"));
        }
      }
    }
    return Verdict.of(v, "rate-limit headers passed through", context(e));
  }

  private static Verdict encoding(Probe p) {
    Exchange e = p.exchange();
    if (e.status() < 0) return Verdict.skip("no response to inspect: " + e.summary());
    List<Violation> v = new ArrayList<>();
    Optional<String> coding = e.header("content-encoding").map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty() && !s.equals("identity"));
    if (coding.isPresent()) {
      String accepted = e.sentHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("accept-encoding"))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      boolean ok = accepted != null && java.util.Arrays.stream(accepted.toLowerCase(Locale.ROOT).split(","))
          .map(s -> s.split(";")[0].trim()).anyMatch(s -> s.equals(coding.get()) || s.equals("*"));
      if (!ok) {
        v.add(Violation.of(HdrCheck.HDR_080, Location.header("content-encoding"),
            "the response is encoded although the client did not accept that coding",
            "no Content-Encoding (the request's Accept-Encoding: " + (accepted == null ? "absent" : accepted) + ")", coding.get()));
      } else if (coding.get().equals("gzip") && java.util.Arrays.equals(e.body(), e.rawBody())) {
        v.add(Violation.of(HdrCheck.HDR_080, Location.byteOffset(0), "the body is labelled gzip but does not decode as gzip",
            "a gzip stream", "bytes " + Responses.quote(e.excerpt(40))));
      }
    }
    return Verdict.of(v, coding.map(c -> c + " (accepted)").orElse("no content coding"), context(e));
  }
}
