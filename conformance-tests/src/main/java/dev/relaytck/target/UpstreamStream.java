package dev.relaytck.target;

import java.time.Instant;

/**
 * How the replay upstream's answer to one kit request ended, from its stream log: what tells
 * whether the relay closed its upstream request when the client left.
 *
 * @param outcome {@code completed}, {@code client-disconnected} (the relay closed the upstream
 *     connection before the end) or {@code closed-by-fault}
 * @param at when the upstream noted the end (its clock; the same machine in hermetic runs)
 */
public record UpstreamStream(String outcome, int eventsDelivered, int eventsTotal, Instant at, String detail) {
  public static final String COMPLETED = "completed";
  public static final String CLIENT_DISCONNECTED = "client-disconnected";
}
