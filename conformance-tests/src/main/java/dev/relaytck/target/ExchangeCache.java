package dev.relaytck.target;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Shares one exchange among every check that reads the same scenario (and variant): the
 * first check to need it performs it, the others wait for that result. A transport failure
 * is remembered too, so forty checks do not retry an unreachable target forty times.
 */
public final class ExchangeCache {
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  private static final class Entry {
    private Exchange exchange;
    private RuntimeException failure;
    private boolean done;
  }

  public Exchange get(String key, Supplier<Exchange> perform) {
    Entry e = entries.computeIfAbsent(key, k -> new Entry());
    synchronized (e) {
      if (!e.done) {
        try {
          e.exchange = perform.get();
        } catch (RuntimeException ex) {
          e.failure = ex;
        }
        e.done = true;
      }
      if (e.failure != null) throw e.failure;
      return e.exchange;
    }
  }

  /** The exchange performed under {@code key}, if it was performed and did not fail. */
  public java.util.Optional<Exchange> peek(String key) {
    Entry e = entries.get(key);
    if (e == null) return java.util.Optional.empty();
    synchronized (e) {
      return e.done ? java.util.Optional.ofNullable(e.exchange) : java.util.Optional.empty();
    }
  }

  public int size() {
    return entries.size();
  }

  public void clear() {
    entries.clear();
  }
}
