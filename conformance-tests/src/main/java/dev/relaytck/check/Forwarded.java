package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.JournalEntry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the relay forwarded for one exchange: the kit's request, the replay journal's entry for
 * its marker and both bodies as JSON. The one place the REQ and CC rules read it from (hermetic),
 * so the path and header comparisons exist once.
 *
 * @param sent the client's JSON body, or {@code null} when it sent none
 * @param upstream the forwarded JSON body, or {@code null} when none arrived
 */
record Forwarded(Exchange exchange, JsonNode sent, JournalEntry entry, JsonNode upstream, URI baseUrl) {

  /** Hermetic, on the requests the kit authors (a messages body with its marker): where the journal shows what was forwarded. */
  static java.util.function.BiFunction<dev.relaytck.scenario.Scenario, RunContext, Optional<String>> authored() {
    return Applies.hermetic(Applies.when(
        s -> s.recording().request().body() != null && s.recording().request().body().has("messages"),
        "not a request the kit authors"));
  }

  /**
   * Runs {@code rule} on what reached the upstream for the probe's exchange; nothing reaching
   * it, or a body that is no longer JSON, is itself a violation of {@code check}.
   */
  static Verdict on(Probe p, Check check, Function<Forwarded, List<Violation>> rule) {
    Exchange e = p.exchange();
    List<JournalEntry> entries = p.upstream(e);
    List<Violation> v = new ArrayList<>();
    Map<String, Object> ctx = context(e);
    if (entries.isEmpty()) {
      v.add(Violation.of(check, Location.NONE, "the request never reached the upstream (no journal entry for its marker); the relay answered: "
          + e.summary()));
    } else {
      JournalEntry entry = entries.get(0);
      ctx.put("upstreamRequest", entry.method() + " " + entry.url());
      JsonNode sent = e.sentJson().orElse(null);
      JsonNode upstream = entry.json().orElse(null);
      if (sent != null && upstream == null) {
        v.add(Violation.of(check, Location.byteOffset(0), "the forwarded body is not JSON", "the client's JSON body",
            Responses.quote(entry.body() == null ? "" : entry.body().substring(0, Math.min(120, entry.body().length())))));
      } else {
        v.addAll(rule.apply(new Forwarded(e, sent, entry, upstream, p.config().baseUrl())));
      }
    }
    return Verdict.of(v, "forwarded faithfully", ctx);
  }

  /**
   * The API path the kit asked for: the request's path without the base URL's own path, since
   * a relay served under {@code https://relay.example/anthropic} forwards {@code /v1/messages},
   * not {@code /anthropic/v1/messages}.
   */
  String apiPath() {
    return apiPath(exchange.uri(), baseUrl);
  }

  static String apiPath(URI requested, URI baseUrl) {
    String path = requested.getRawPath();
    String prefix = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
    return !prefix.isEmpty() && path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
  }

  /** REQ-130 / CC-030: the upstream received the API path the kit asked for. */
  List<Violation> samePath(Check check) {
    String asked = apiPath();
    return asked.equals(entry.path()) ? List.of()
        : List.of(Violation.of(check, Location.NONE, "the request reached another upstream path", asked, entry.path()));
  }

  /** The client's query string reached the upstream unchanged; empty when the kit sent none (nothing to observe). */
  List<Violation> sameQuery(Check check) {
    String sentQuery = exchange.uri().getRawQuery();
    String upQuery = entry.query();
    if (sentQuery != null && !sentQuery.equals(upQuery)) {
      return List.of(Violation.of(check, Location.NONE, "the query string was not forwarded", "?" + sentQuery,
          upQuery == null ? "no query" : "?" + upQuery));
    }
    return List.of();
  }

  /** The value of request header {@code name} as the kit sent it, or {@code null}. */
  String sentHeader(String name) {
    return exchange.sentHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  /** Request header {@code name} reached the upstream verbatim (whitespace aside); nothing when the kit sent none. */
  List<Violation> sameHeader(Check check, String name) {
    String sentValue = sentHeader(name);
    if (sentValue == null) return List.of();
    Optional<String> up = entry.header(name);
    if (up.isEmpty() || !up.get().trim().equals(sentValue.trim())) {
      return List.of(Violation.of(check, Location.header(name), name + " did not reach the upstream verbatim", sentValue,
          up.orElse("absent")));
    }
    return List.of();
  }
}
