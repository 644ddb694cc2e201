package dev.relaytck.check;

import dev.relaytck.catalog.Violation;
import dev.relaytck.outcome.ExchangeRecord;
import dev.relaytck.outcome.StreamTiming;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.sse.SseListener;
import dev.relaytck.sse.SseParser;
import dev.relaytck.target.Chunk;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.JournalEntry;
import dev.relaytck.target.TargetUnreachableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw exchanges of a run as the reports keep them: {@link ExchangeRecord}s for a relay
 * engineer to reproduce a failure (request, response, every SSE event with its arrival time,
 * and in hermetic mode what the relay forwarded upstream), and the {@link StreamTiming} of each
 * streamed exchange. Credential headers were masked when sent; the report writer scrubs the rest.
 */
public final class ExchangeRecords {
  private ExchangeRecords() {}

  /** The record of the exchange performed under cache key {@code key}, if it was performed. */
  public static Optional<ExchangeRecord> record(RunContext run, String key, String scenario) {
    return run.cache().peek(key).map(e -> record(key, scenario, e, upstream(run, e)));
  }

  /** When the events of the streamed exchange under {@code key} arrived; empty when it is not an event stream. */
  public static Optional<StreamTiming> timing(RunContext run, String key) {
    return run.cache().peek(key).flatMap(ExchangeRecords::timing);
  }

  static ExchangeRecord record(String id, String scenario, Exchange e, Optional<JournalEntry> upstream) {
    Map<String, List<String>> sent = new LinkedHashMap<>();
    e.sentHeaders().forEach((k, v) -> sent.put(k, List.of(v)));
    ExchangeRecord.Request request = new ExchangeRecord.Request(e.method(), e.uri().toString(), sent,
        e.sentBody() == null ? null : new String(e.sentBody(), java.nio.charset.StandardCharsets.UTF_8));
    ExchangeRecord.Response response = null;
    if (e.status() >= 0) {
      List<ExchangeRecord.ArrivedEvent> events = new ArrayList<>();
      if (e.eventStream()) {
        for (SseEvent ev : events(e)) {
          events.add(new ExchangeRecord.ArrivedEvent(ms(e, ev.arrivalNanos()), ev.event(), ev.data()));
        }
      }
      response = new ExchangeRecord.Response(e.status(), e.headers(), e.bodyText(), events);
    }
    ExchangeRecord.Request forwarded = upstream.map(j -> new ExchangeRecord.Request(j.method(), j.url(), j.headers(), j.body()))
        .orElse(null);
    return new ExchangeRecord(id, scenario, request, response, forwarded, e.ending() == null ? null : e.ending().name());
  }

  static Optional<StreamTiming> timing(Exchange e) {
    if (e.status() < 0 || !e.eventStream()) return Optional.empty();
    List<SseEvent> events = events(e);
    List<Double> offsets = new ArrayList<>(events.size());
    events.forEach(ev -> offsets.add(ms(e, ev.arrivalNanos())));
    double first = offsets.isEmpty() ? -1 : offsets.get(0);
    return Optional.of(new StreamTiming(e.headersMs(), first, e.totalMs(), List.copyOf(offsets)));
  }

  /** The events as the protocol core's parser dispatched them, each with the arrival time of its last byte. */
  private static List<SseEvent> events(Exchange e) {
    List<SseEvent> out = new ArrayList<>();
    SseParser parser = new SseParser(new SseListener() {
      @Override
      public void onEvent(SseEvent event) {
        out.add(event);
      }

      @Override
      public void onViolation(Violation violation) {
        // The SSE checks report framing violations; a record shows what was dispatched.
      }
    });
    if (e.header("content-encoding").isPresent()) {
      parser.feed(e.body(), e.endNanos());
    } else {
      for (Chunk c : e.chunks()) parser.feed(c.bytes(), c.arrivalNanos());
    }
    parser.end(e.endNanos());
    return out;
  }

  private static double ms(Exchange e, long nanos) {
    return Math.round((nanos - e.sentNanos()) / 1e4) / 100.0;
  }

  /** What the relay forwarded for {@code e}, from the replay journal (hermetic); empty when unknown or unreadable. */
  private static Optional<JournalEntry> upstream(RunContext run, Exchange e) {
    if (run.journal().isEmpty()) return Optional.empty();
    try {
      return e.sentJson().flatMap(ScenarioRequests::markerOf)
          .map(m -> run.journalCache().computeIfAbsent(m.nonce(), run.journal().get()::forNonce))
          .flatMap(list -> list.stream().findFirst());
    } catch (TargetUnreachableException | IllegalStateException ex) {
      return Optional.empty();
    }
  }
}
