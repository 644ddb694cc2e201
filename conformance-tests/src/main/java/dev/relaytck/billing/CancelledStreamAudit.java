package dev.relaytck.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.stream.ResponseValidator;
import dev.relaytck.target.Ending;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * BILL-050's second half: a stream the client cancels early costs nothing beyond what was
 * delivered. Hermetic: the replay upstream streams the recording up to its first content delta
 * and then pauses ({@code stall@N}); the kit closes the connection as soon as that delta has
 * arrived, so what it received is what the relay delivered. The balance delta must stay within
 * what the delivered usage costs at the advertised price: the prompt (message_start's usage)
 * plus the output tokens of the delivered content (at the highest tokens-per-character the
 * recordings show) plus {@link #IN_FLIGHT_TOKENS} for what the relay wrote before it noticed
 * the cancel; then the tolerance and one balance step for rounding.
 *
 * <p>Live it is not run (yet): the tokens the upstream generates while the cancel travels
 * depend on the relay and the model, and no allowance is known to be fair.
 */
public final class CancelledStreamAudit {
  /** How long the replay upstream pauses after the first content delta: time for the kit to cancel. */
  static final long STALL_MS = 250;
  /** Output tokens a relay may have written after the kit's cancel and before it noticed. */
  static final long IN_FLIGHT_TOKENS = 64;

  private CancelledStreamAudit() {}

  /**
   * @param state {@code measured}, {@code none} (not run: live, no --price, or no streamed recording),
   *     {@code unreadable}, {@code unanswered} (no stream to cancel), {@code unresolved} (the whole
   *     answer costs no more than the allowance, so a full charge would not show)
   * @param delivered the usage the delivered events report (message_start's, or the final one when
   *     the stream arrived whole before the cancel)
   * @param allowed the tokens allowed for: the delivered prompt and output, plus the content's and in-flight output
   */
  public record Result(String state, String message, String scenario, TokenCount delivered, long deliveredChars,
      boolean complete, TokenCount allowed, double allowedUsd, double fullUsd, Readings readings) {
    public double chargedUsd() {
      return readings == null ? Double.NaN : readings.chargedUsd();
    }

    public boolean free() {
      return chargedUsd() <= allowedUsd + 1e-12;
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("state", state);
      if (scenario != null) m.put("scenario", scenario);
      if (delivered != null) {
        m.put("deliveredTokens", delivered.toMap());
        m.put("deliveredChars", deliveredChars);
        m.put("streamCompleteBeforeCancel", complete);
        m.put("allowedTokens", allowed.toMap());
        m.put("allowedUsd", Figures.round(allowedUsd));
      }
      if (!Double.isNaN(fullUsd)) m.put("wholeAnswerUsd", Figures.round(fullUsd));
      if (readings != null) {
        m.putAll(readings.toMap());
        m.put("chargedUsd", Figures.round(chargedUsd()));
      }
      if (!state.equals("measured")) m.put("reason", message);
      return m;
    }
  }

  private static Result unjudged(String state, String message) {
    return new Result(state, message, null, null, 0, false, null, Double.NaN, Double.NaN, null);
  }

  static Result run(RunContext run, BillingSettings settings) {
    if (!run.config().hermetic()) {
      return unjudged("none", "not run live: the tokens an upstream generates while a cancel travels are unknown");
    }
    if (settings.price().isEmpty()) return unjudged("none", "needs --price to price what a cancelled stream delivered");
    Optional<Scenario> chosen = streamToCancel(run);
    if (chosen.isEmpty()) return unjudged("none", "the replay upstream serves no successful streamed recording to cancel");
    Scenario s = chosen.get();
    Price price = settings.price().get();
    BalanceReader reader = settings.reader(run);
    Balance before;
    try {
      before = BalanceAudit.settled(reader, settings.settle());
    } catch (BalanceUnreadable e) {
      return unjudged("unreadable", "the balance could not be read: " + e.getMessage());
    }
    ExchangeRequest request = ScenarioRequests.build(s, run.config(),
        s.freshMarker().withFault("stall@" + (firstDelta(s) + 1) + "=" + STALL_MS));
    Exchange e = run.client().send("billing-cancelled-stream", request, afterFirstContentDelta());
    Readings readings;
    try {
      // The relay notices the cancel only when it writes again, after the upstream's pause.
      BalanceAudit.sleep(Duration.ofMillis(STALL_MS + 100));
      Balance after = reader.read();
      BalanceAudit.sleep(settings.settle());
      readings = new Readings(before, after, reader.read());
    } catch (BalanceUnreadable x) {
      return unjudged("unreadable", "the balance could not be read after the cancelled stream: " + x.getMessage());
    }
    JsonNode m = e.status() == 200 && e.eventStream() ? new ResponseValidator().validateStream(e.body()).message() : null;
    if (m == null) {
      return new Result("unanswered", "the relay answered " + e.summary() + " instead of a stream with message_start, so there was"
          + " no stream to cancel", s.id(), null, 0, false, null, Double.NaN, Double.NaN, readings);
    }
    TokenCount delivered = TokenCount.ofUsage(m.path("usage"));
    long chars = OutputBand.chars(m);
    boolean complete = e.ending() == Ending.COMPLETE || !m.path("stop_reason").isNull();
    OutputBand band = OutputBand.forModel(AuditWorkload.model(run, s));
    double perChar = band.samples() == 0 ? 1.0 : band.high();
    long output = complete ? delivered.output() : delivered.output() + (long) Math.ceil(chars * perChar) + IN_FLIGHT_TOKENS;
    TokenCount allowed = new TokenCount(delivered.input(), output, delivered.cacheWrite(), delivered.cacheRead());
    double allowedUsd = price.usd(allowed) * (1 + settings.tolerance()) + readings.resolutionUsd();
    double fullUsd = Usage.recorded(s.recording()).flatMap(Usage::tokens).map(price::usd).orElse(Double.NaN);
    if (!complete && !(fullUsd > allowedUsd + readings.resolutionUsd())) {
      return new Result("unresolved", String.format(Locale.ROOT, "the whole answer of %s costs %.6f USD, no more than the %.6f USD"
          + " allowed for what was delivered: a full charge would not show", s.id(), fullUsd, allowedUsd), s.id(), delivered, chars,
          complete, allowed, allowedUsd, fullUsd, readings);
    }
    return new Result("measured", "measured", s.id(), delivered, chars, complete, allowed, allowedUsd, fullUsd, readings);
  }

  /** The successful streamed recording with the most output after its first content delta: a full charge shows most. */
  static Optional<Scenario> streamToCancel(RunContext run) {
    return run.scenarios().all().stream()
        .filter(s -> s.messages() && s.streaming() && !s.injected() && s.fault() == null && s.recordedStatus() == 200
            && !s.has(ClaudeCodeRecordings.FEATURE) && firstDelta(s) >= 0)
        // Redacted thinking is opaque (no characters to allow output for); server tools are billed per use.
        .filter(s -> Usage.recorded(s.recording()).filter(m -> !Usage.serverTools(m) && OutputBand.chars(m) > 0).flatMap(Usage::tokens)
            .isPresent())
        .max(Comparator.comparingLong(s -> Usage.recorded(s.recording()).flatMap(Usage::tokens).orElseThrow().output()));
  }

  /** The index of the recording's first content_block_delta event, or -1. */
  static int firstDelta(Scenario s) {
    if (s.recording().response() == null || s.recording().response().events() == null) return -1;
    int i = 0;
    for (RecordedEvent ev : s.recording().response().events()) {
      if (new String(ev.bytes(), StandardCharsets.UTF_8).contains("content_block_delta")) return i;
      i++;
    }
    return -1;
  }

  /** True once the body holds a complete content_block_delta event (its blank line arrived), whatever the chunking. */
  static Predicate<byte[]> afterFirstContentDelta() {
    StringBuilder seen = new StringBuilder();
    return chunk -> {
      seen.append(new String(chunk, StandardCharsets.UTF_8));
      int at = seen.indexOf("content_block_delta");
      if (at < 0) return false;
      String rest = seen.substring(at).replace("\r\n", "\n").replace('\r', '\n');
      return rest.contains("\n\n");
    };
  }
}
