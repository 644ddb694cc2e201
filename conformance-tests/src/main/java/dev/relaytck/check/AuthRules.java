package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import dev.relaytck.catalog.AuthCheck;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.target.AuthStyle;
import dev.relaytck.target.Credential;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** AUTH: credentials accepted in both styles, refused when absent or wrong, never echoed. */
final class AuthRules {
  /** A credential no relay can know; shaped like a real key so a format check does not short-circuit. */
  static final Secret WRONG = Secret.of(dev.relaytck.recordings.format.ProbeCredentials.WRONG);
  private static final Pattern KEY_SHAPE = Pattern.compile("sk-ant-[a-z]{2,6}\\d{0,2}-[A-Za-z0-9_-]{16,}");

  private AuthRules() {}

  static List<CheckEvaluator> all() {
    return List.of(
        new Rule(AuthCheck.AUTH_010, Applies.and(Applies.primaryOnly(), needsSecret()),
            p -> accepted(AuthCheck.AUTH_010, p.variant("auth-api-key",
                r -> r.withCredential(Credential.of(AuthStyle.API_KEY, p.config().secret()))), "x-api-key")),
        new Rule(AuthCheck.AUTH_020, Applies.and(Applies.primaryOnly(), needsSecret()),
            p -> accepted(AuthCheck.AUTH_020, p.variant("auth-bearer",
                r -> r.withCredential(Credential.of(AuthStyle.BEARER, p.config().secret()))), "Authorization: Bearer")),
        new Rule(AuthCheck.AUTH_030, Applies.and(Applies.primaryOnly(), (s, run) -> run.config().capabilities().contains("open-relay")
                ? Optional.of("the target declares itself an open relay (capability open-relay)") : Optional.empty()),
            p -> refused(AuthCheck.AUTH_030, p.variant("auth-none", r -> r.withCredential(Credential.NONE)), "without credentials")),
        new Rule(AuthCheck.AUTH_040, Applies.primaryOnly(),
            p -> refused(AuthCheck.AUTH_040, p.variant("auth-wrong",
                r -> r.withCredential(Credential.of(p.config().authStyle() == AuthStyle.BEARER ? AuthStyle.BEARER : AuthStyle.API_KEY, WRONG))),
                "with a wrong credential")),
        new Rule(AuthCheck.AUTH_050, (s, run) -> Optional.empty(), AuthRules::echo));
  }

  private static java.util.function.BiFunction<dev.relaytck.scenario.Scenario, RunContext, Optional<String>> needsSecret() {
    return (s, run) -> run.config().secret() == null
        ? Optional.of("no credential configured (--api-key or --auth-token)") : Optional.empty();
  }

  private static Verdict accepted(Check check, Exchange e, String style) {
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(check, e).ifPresent(v::add);
    if (v.isEmpty() && (e.status() < 200 || e.status() > 299)) {
      v.add(Violation.of(check, Location.NONE, "a request authenticated with " + style + " was refused: "
          + Responses.quote(e.excerpt(300)), "a 2xx status", e.status()));
    }
    return Verdict.of(v, style + " accepted (" + e.status() + ")", context(e));
  }

  private static Verdict refused(Check check, Exchange e, String how) {
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(check, e).ifPresent(v::add);
    if (v.isEmpty()) {
      if (e.status() >= 200 && e.status() < 300) {
        v.add(Violation.of(check, Location.NONE, "a request " + how + " was answered " + e.status()
            + ": the relay forwards requests it should refuse (an open relay anyone can bill)", 401, e.status()));
      } else if (e.status() != 401) {
        v.add(Violation.of(check, Location.NONE, "a request " + how + " got the wrong status", 401, e.status()));
      } else {
        String type = Responses.errorType(e);
        if (!"authentication_error".equals(type)) {
          v.add(Violation.of(check, Location.pointer("/error/type"), "a 401 without Anthropic's authentication_error body",
              "authentication_error", type == null ? "body " + Responses.quote(e.excerpt(200)) : type));
        }
      }
    }
    return Verdict.of(v, "refused " + how + " with 401 authentication_error", context(e));
  }

  private static Verdict echo(Probe p) {
    List<Exchange> seen = new ArrayList<>();
    seen.add(p.exchange());
    if (Applies.primaryOnly().apply(p.scenario(), p.run()).isEmpty()) {
      seen.add(p.variant("auth-wrong", r -> r.withCredential(Credential.of(
          p.config().authStyle() == AuthStyle.BEARER ? AuthStyle.BEARER : AuthStyle.API_KEY, WRONG))));
    }
    List<Violation> v = new ArrayList<>();
    for (Exchange e : seen) {
      List<Secret> secrets = new ArrayList<>(List.of(WRONG));
      if (p.config().secret() != null) secrets.add(p.config().secret());
      for (Map.Entry<String, List<String>> h : e.headers().entrySet()) {
        for (String value : h.getValue()) {
          leak(value, secrets).ifPresent(what -> v.add(Violation.of(AuthCheck.AUTH_050, Location.header(h.getKey()),
              "response header of " + e.label() + " contains " + what)));
        }
      }
      String body = e.bodyText();
      leak(body, secrets).ifPresent(what -> v.add(Violation.of(AuthCheck.AUTH_050,
          Location.byteOffset(offset(body, what, secrets)), "response body of " + e.label() + " contains " + what)));
    }
    return Verdict.of(v, "no credential in " + seen.size() + " response(s)", context(seen.get(0)));
  }

  private static Optional<String> leak(String text, List<Secret> secrets) {
    for (Secret s : secrets) {
      if (s.occursIn(text)) return Optional.of(s == WRONG ? "the credential the kit sent" : "the target's credential");
    }
    Matcher m = KEY_SHAPE.matcher(text);
    if (m.find()) return Optional.of("an Anthropic-key-shaped string (" + m.group().substring(0, 10) + "...)");
    return Optional.empty();
  }

  private static long offset(String body, String what, List<Secret> secrets) {
    for (Secret s : secrets) {
      int i = body.indexOf(s.reveal());
      if (i >= 0) return body.substring(0, i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    Matcher m = KEY_SHAPE.matcher(body);
    return m.find() ? body.substring(0, m.start()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length : 0;
  }
}
