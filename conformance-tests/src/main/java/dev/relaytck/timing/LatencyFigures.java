package dev.relaytck.timing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The latency figures of a run (PERF-010, {@code metrics.latency}): one HdrHistogram per
 * scenario kind and measure, in microseconds with three significant digits, reported as
 * count, p50, p95, p99 and max in milliseconds. Also keeps each stream's arrival times for the
 * report's arrival chart and the TTFT values for its histogram.
 */
public final class LatencyFigures {
  /** The measures, in the order they are reported. */
  public static final List<String> MEASURES = List.of("headersMs", "firstEventMs", "ttftMs", "gapMs", "totalMs", "tokensPerSecond");
  private static final long MAX_MICROS = 3_600_000_000L;
  /** Streams kept for the arrival chart: enough to see bursts, few enough to draw. */
  static final int MAX_STREAMS = 12;

  private final Map<String, Map<String, Histogram>> byKind = new TreeMap<>();
  private final List<Map<String, Object>> streams = new java.util.ArrayList<>();
  private final List<Double> ttfts = new java.util.ArrayList<>();

  /** Adds one streamed exchange of scenario kind {@code kind} (e.g. {@code text-stream}). */
  public synchronized void add(String kind, String label, StreamTimeline t) {
    record(kind, "headersMs", t.headersMs());
    record(kind, "firstEventMs", t.firstEventMs());
    record(kind, "ttftMs", t.ttftMs());
    for (double g : t.gapsMs()) record(kind, "gapMs", g);
    record(kind, "totalMs", t.totalMs());
    // tokens/s is not a time; scaled by 1000 like the milliseconds, it keeps the same 3 digits.
    record(kind, "tokensPerSecond", t.tokensPerSecond());
    if (!Double.isNaN(t.ttftMs())) ttfts.add(t.ttftMs());
    if (streams.size() < MAX_STREAMS) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("label", label);
      s.put("kind", kind);
      s.put("eventMs", t.eventMs().stream().map(LatencyFigures::round).toList());
      s.put("ttftMs", round(t.ttftMs()));
      streams.add(s);
    }
  }

  private void record(String kind, String measure, double value) {
    if (Double.isNaN(value) || value < 0 || Double.isInfinite(value)) return;
    Histogram h = byKind.computeIfAbsent(kind, k -> new TreeMap<>())
        .computeIfAbsent(measure, m -> new Histogram(MAX_MICROS, 3));
    h.recordValue(Math.min(MAX_MICROS, Math.round(value * 1000)));
  }

  public synchronized boolean isEmpty() {
    return byKind.isEmpty();
  }

  /** Streams measured, over every kind. */
  public synchronized long streams() {
    return byKind.values().stream().mapToLong(m -> m.containsKey("totalMs") ? m.get("totalMs").getTotalCount() : 0).sum();
  }

  /** {@code {kind: {measure: {count, p50, p95, p99, max}}}}, milliseconds (tokens/s for that measure). */
  public synchronized Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    byKind.forEach((kind, measures) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String name : MEASURES) {
        Histogram h = measures.get(name);
        if (h != null && h.getTotalCount() > 0) m.put(name, percentiles(h));
      }
      out.put(kind, m);
    });
    return out;
  }

  /** The p50 of {@code measure} over every kind together, or NaN. */
  public synchronized double p50(String measure) {
    Histogram all = new Histogram(MAX_MICROS, 3);
    byKind.values().forEach(m -> {
      if (m.containsKey(measure)) all.add(m.get(measure));
    });
    return all.getTotalCount() == 0 ? Double.NaN : all.getValueAtPercentile(50) / 1000.0;
  }

  public synchronized List<Map<String, Object>> arrivals() {
    return List.copyOf(streams);
  }

  public synchronized List<Double> ttftValues() {
    return List.copyOf(ttfts);
  }

  private static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("count", h.getTotalCount());
    p.put("p50", h.getValueAtPercentile(50) / 1000.0);
    p.put("p95", h.getValueAtPercentile(95) / 1000.0);
    p.put("p99", h.getValueAtPercentile(99) / 1000.0);
    p.put("max", h.getMaxValue() / 1000.0);
    return p;
  }

  public static double round(double v) {
    return Double.isNaN(v) ? -1 : Math.round(v * 100) / 100.0;
  }
}
