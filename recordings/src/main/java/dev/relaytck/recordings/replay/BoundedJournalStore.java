package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * WireMock's request journal store with constant-time bookkeeping. The stock in-memory
 * store answers {@code put} with a linear {@code contains} over its deque, and WireMock's
 * journal trims itself by counting every key on each request: both scan the whole journal
 * per request, which cut non-streaming throughput by two thirds at 10,000 entries
 * (docs/benchmarks-replay.md). Here the keys' stream knows its size, so the count is free,
 * and updates are map lookups. Order is WireMock's: newest first.
 */
final class BoundedJournalStore implements RequestJournalStore {
  private final LinkedHashMap<UUID, ServeEvent> events = new LinkedHashMap<>();

  @Override
  public synchronized void add(ServeEvent event) {
    events.put(event.getId(), event);
  }

  @Override
  public synchronized void removeLast() {
    Iterator<UUID> oldest = events.keySet().iterator();
    if (oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return newestFirst(snapshotValues()).stream();
  }

  @Override
  public Stream<UUID> getAllKeys() {
    // SIZED: Stream.count() answers from the size without taking the snapshot.
    int size;
    synchronized (this) {
      size = events.size();
    }
    return StreamSupport.stream(new LazyKeys(size), false);
  }

  @Override
  public synchronized Optional<ServeEvent> get(UUID id) {
    return Optional.ofNullable(events.get(id));
  }

  @Override
  public synchronized void put(UUID id, ServeEvent event) {
    // Like the stock store: updates an entry the journal still holds, never re-adds one.
    if (events.containsKey(id)) {
      events.put(id, event);
    }
  }

  @Override
  public synchronized void remove(UUID id) {
    events.remove(id);
  }

  @Override
  public synchronized void clear() {
    events.clear();
  }

  private synchronized List<ServeEvent> snapshotValues() {
    return new ArrayList<>(events.values());
  }

  private synchronized List<UUID> snapshotKeys() {
    return new ArrayList<>(events.keySet());
  }

  private static <T> List<T> newestFirst(List<T> oldestFirst) {
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  /** Newest-first keys, copied only when a traversal actually starts. */
  private final class LazyKeys implements Spliterator<UUID> {
    private final long size;
    private Iterator<UUID> keys;

    LazyKeys(long size) {
      this.size = size;
    }

    @Override
    public boolean tryAdvance(Consumer<? super UUID> action) {
      if (keys == null) {
        keys = newestFirst(snapshotKeys()).iterator();
      }
      if (!keys.hasNext()) {
        return false;
      }
      action.accept(keys.next());
      return true;
    }

    @Override
    public Spliterator<UUID> trySplit() {
      return null;
    }

    @Override
    public long estimateSize() {
      return size;
    }

    @Override
    public int characteristics() {
      // The snapshot may differ in size from the count taken earlier; SIZED is a promise
      // only count() relies on, and WireMock trims in a loop that re-counts.
      return keys == null ? ORDERED | SIZED | NONNULL : ORDERED | NONNULL;
    }
  }
}
