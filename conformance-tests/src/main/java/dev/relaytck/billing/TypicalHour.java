package dev.relaytck.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token mix of an hour of Claude Code, from the bundled session captures (print mode: read a
 * file, edit it, finish). The captures keep the CLI's real request sizes (system prompt, tools,
 * growing conversation) but their answers were scripted by the capture server, so prompt tokens
 * are estimated from the request bytes at the tokens-per-byte ratio the bundled official
 * recordings show, and output tokens are the scripted answers'. Each turn reads the previous
 * turn's prompt from the cache and writes the rest, as Claude Code's cache breakpoints do.
 * An hour is {@link #REQUESTS_PER_HOUR} such turns: an assumption, stated in every report.
 */
public record TypicalHour(TokenCount perHour, int requestsPerHour, double tokensPerByte, int sessionTurns) {
  /** One model call every 30 s of active use. */
  public static final int REQUESTS_PER_HOUR = 120;
  private static final List<String> SESSION = List.of("cc-print-read", "cc-print-edit", "cc-print-final");

  /** The bundled recordings do not change while the kit runs: worked out once. */
  public static TypicalHour fromRecordings() {
    return Bundled.HOUR;
  }

  private static final class Bundled {
    static final TypicalHour HOUR = compute();
  }

  static TypicalHour compute() {
    double perByte = tokensPerByte(Recordings.bundled());
    Map<String, Recording> cc = new LinkedHashMap<>();
    ClaudeCodeRecordings.all().forEach(r -> cc.put(r.scenario(), r));
    List<long[]> turns = new ArrayList<>();
    for (String id : SESSION) {
      Recording r = cc.get(id);
      if (r == null) continue;
      long prompt = Math.round(bytes(r.request().body()) * perByte);
      long output = Usage.recorded(r).flatMap(Usage::tokens).map(TokenCount::output).orElse(0L);
      turns.add(new long[] {prompt, output});
    }
    TokenCount session = TokenCount.ZERO;
    long previous = 0;
    for (long[] t : turns) {
      long read = Math.min(previous, t[0]);
      session = session.plus(new TokenCount(0, t[1], t[0] - read, read));
      previous = t[0];
    }
    int n = Math.max(1, turns.size());
    TokenCount hour = new TokenCount(session.input() * REQUESTS_PER_HOUR / n, session.output() * REQUESTS_PER_HOUR / n,
        session.cacheWrite() * REQUESTS_PER_HOUR / n, session.cacheRead() * REQUESTS_PER_HOUR / n);
    return new TypicalHour(hour, REQUESTS_PER_HOUR, perByte, turns.size());
  }

  /**
   * Prompt tokens per byte of request body over the bundled text-only recordings: what the
   * official API counted for requests whose bytes we have.
   */
  static double tokensPerByte(List<Recording> recordings) {
    long tokens = 0;
    long bytes = 0;
    for (Recording r : recordings) {
      JsonNode body = r.request().body();
      if (body == null || r.response().status() != 200 || !"/v1/messages".equals(r.request().path())) continue;
      String text = body.toString();
      if (text.contains("\"image\"") || text.contains("\"document\"") || text.contains("web_search")) continue;
      Optional<TokenCount> t = Usage.recorded(r).flatMap(Usage::tokens);
      if (t.isEmpty() || t.get().prompt() == 0) continue;
      tokens += t.get().prompt();
      bytes += bytes(body);
    }
    return bytes == 0 ? 0.25 : (double) tokens / bytes;
  }

  private static long bytes(JsonNode body) {
    return body == null ? 0 : body.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  public Map<String, Object> toMap(Price price) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requestsPerHour", requestsPerHour);
    m.put("tokens", perHour.toMap());
    m.put("tokensPerByte", Figures.round(tokensPerByte));
    m.put("usd", Figures.round(price.usd(perHour)));
    m.put("basis", "the bundled Claude Code print-mode session (" + sessionTurns + " turns; prompt sizes from request bytes,"
        + " output from the scripted answers), " + requestsPerHour + " model calls per hour (an assumption)");
    return m;
  }
}
