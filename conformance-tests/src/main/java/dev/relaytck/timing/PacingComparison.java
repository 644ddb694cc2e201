package dev.relaytck.timing;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a relay held events back compared with the upstream's schedule (PERF-030). The
 * upstream's send time of event i is its scheduled offset s_i (hermetic: the recording's
 * offset times the replay's time scale); the client saw it at t_i. The transit t_i - s_i
 * includes a constant (connection, relay's base latency) that is not about pacing, so the
 * delay the relay added to event i is its transit minus the smallest transit of the stream:
 * zero for the event that went straight through, and for an event held in a burst, how long
 * it was held. A relay that buffers everything and releases it at once has an early event
 * with the largest lead and every other one delayed by up to the whole stream's span.
 *
 * @param addedMs the added delay of every compared event
 */
public record PacingComparison(List<Double> addedMs) {

  /** Compares {@code arrivalMs} with {@code scheduleMs}, event by event, up to the shorter of the two. */
  public static PacingComparison of(List<Double> scheduleMs, List<Double> arrivalMs) {
    int n = Math.min(scheduleMs.size(), arrivalMs.size());
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) min = Math.min(min, arrivalMs.get(i) - scheduleMs.get(i));
    List<Double> added = new ArrayList<>();
    for (int i = 0; i < n; i++) added.add(arrivalMs.get(i) - scheduleMs.get(i) - min);
    return new PacingComparison(List.copyOf(added));
  }

  public double percentile(double p) {
    if (addedMs.isEmpty()) return Double.NaN;
    double[] sorted = addedMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
