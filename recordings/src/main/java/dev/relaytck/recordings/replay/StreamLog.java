package dev.relaytck.recordings.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What happened to each paced response after its headers left: completed, closed by an
 * injected fault, or abandoned by the client. WireMock's journal records a request when
 * its response starts, so this is where a disconnect mid-stream is noted (later checks
 * test whether a relay passes a client's disconnect upstream).
 */
public final class StreamLog {
  /** A response that was delivered in full. */
  public static final String COMPLETED = "completed";
  /** The client (the relay) closed the connection before the last event. */
  public static final String CLIENT_DISCONNECTED = "client-disconnected";
  /** The server dropped the connection on purpose ({@code close@N}). */
  public static final String CLOSED_BY_FAULT = "closed-by-fault";

  /**
   * @param at when the response ended (ISO-8601)
   * @param serveEventId the WireMock journal entry's id
   * @param eventsDelivered recorded events whose bytes were all handed to the connection before
   *     the end (when the client has just gone, the last of them may not have reached it)
   * @param eventsTotal events the recording has (for a JSON body: 1)
   * @param maxLateMs the most any event left this server after its scaled offset: the
   *     upstream's own timing error, which timing checks must not charge to the relay
   */
  public record Entry(String at, String serveEventId, String scenario, String nonce, String fault,
      String outcome, int eventsDelivered, int eventsTotal, double maxLateMs, String detail) {}

  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();

  StreamLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(Entry entry) {
    if (capacity == 0) {
      return;
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized List<Entry> forNonce(String nonce) {
    return entries.stream().filter(e -> nonce.equals(e.nonce())).toList();
  }
}
