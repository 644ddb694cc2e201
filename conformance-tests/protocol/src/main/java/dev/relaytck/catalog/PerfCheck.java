package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * Latency and streaming timing (profile {@code perf}): what the relay adds to the time a
 * client waits, whether it keeps the upstream's event pacing, and how it behaves under
 * concurrent streams. Judged once per run from paired, repeated measurements; hermetically
 * against the replay upstream's published schedule, live against a baseline or the reference.
 */
public enum PerfCheck implements Check {
  PERF_010(INFO, "test-and-evaluate/strengthen-guardrails/reduce-latency#how-to-measure-latency",
      "latency figures: time to headers, first event, first token, gaps, total, tokens/s",
      "The kit measures, for every streamed exchange, the time to the response headers, to the first event, to the"
          + " first content delta (TTFT), every inter-event gap, the total time and output tokens per second, and reports"
          + " p50/p95/p99/max per scenario kind.",
      "Informational: compare the figures with a direct connection to the upstream (PERF-020) before blaming the relay."),
  PERF_020(SHOULD, "test-and-evaluate/strengthen-guardrails/reduce-latency#how-to-measure-latency",
      "the relay adds little latency (paired overhead p50 within --max-overhead-ms)",
      "Sent the same requests directly to the upstream and through the relay, interleaved, the paired difference of"
          + " time to first token has a median (with a bootstrap 95 % interval) at most --max-overhead-ms (default 50 ms);"
          + " live without a baseline, TTFT is compared with the reference's recorded official TTFT.",
      "The relay adds a fixed delay to every request (synchronous logging, authentication round trips, a cold connection"
          + " pool, buffering the request body): keep upstream connections alive and do per-request work off the hot path."),
  PERF_030(SHOULD, "build-with-claude/streaming#event-types",
      "event pacing is kept: no event is held back and released in bursts",
      "Compared with the upstream's schedule (hermetic: the replay upstream's recorded offsets times its time scale), the"
          + " relay adds at most a bounded delay to any event (p95 of the added delay in evidence); events the upstream"
          + " spaced out are not coalesced into bursts.",
      "The relay batches events (a write buffer flushed by size or timer, Nagle's algorithm, a response transformer):"
          + " flush after every event and disable write coalescing on streaming responses."),
  PERF_040(MUST, "api/rate-limits",
      "concurrent streams all complete, correct and in order",
      "--concurrency N (default 8) parallel streams all complete with every event in order as alone, and their time to"
          + " first token does not grow by more than 10 times --max-overhead-ms (at least 500 ms) and twice the upstream's own"
          + " degradation; the TTFT degradation factor and any 429/529 are reported.",
      "The relay serialises or drops requests under concurrency (a connection-pool limit, a global lock, a per-key"
          + " semaphore that rejects): size its upstream pool for concurrent streams and queue rather than fail."),
  PERF_050(SHOULD, "api/errors#http-errors",
      "the run's error rate is at most 1 %",
      "Of the requests the kit sent in this run that were not meant to fail (no injected fault, no error scenario), at"
          + " most 1 % ended in an HTTP error or a broken stream; each error is listed with its status and type.",
      "The relay fails requests the upstream would have answered: look at the listed statuses and error types (time-outs,"
          + " 502 from its own proxy, 429 from its own limiter).");

  private final CheckSpec spec;

  PerfCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "perf", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
