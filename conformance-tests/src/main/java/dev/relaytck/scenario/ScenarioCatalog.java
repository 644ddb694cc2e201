package dev.relaytck.scenario;

import dev.relaytck.recordings.format.Recording;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scenarios of a run, one per recording, in a stable order (by id). */
public final class ScenarioCatalog {
  private final Map<String, Scenario> scenarios;

  private ScenarioCatalog(Map<String, Scenario> scenarios) {
    this.scenarios = Collections.unmodifiableMap(scenarios);
  }

  public static ScenarioCatalog of(List<Recording> recordings) {
    List<Recording> sorted = new ArrayList<>(recordings);
    sorted.sort(java.util.Comparator.comparing(Recording::scenario));
    Map<String, Scenario> m = new LinkedHashMap<>();
    for (Recording r : sorted) {
      if (m.put(r.scenario(), Scenario.of(r)) != null) {
        throw new IllegalArgumentException("two recordings for scenario " + r.scenario());
      }
    }
    return new ScenarioCatalog(m);
  }

  /**
   * The catalog of a suite run: one scenario per recording, and the {@link FaultVariants} the
   * replay upstream injects (skipped in live mode, where nothing can be injected).
   */
  public static ScenarioCatalog forRun(List<Recording> recordings) {
    ScenarioCatalog plain = of(recordings);
    Map<String, Scenario> m = new java.util.TreeMap<>(plain.scenarios);
    for (Scenario s : FaultVariants.derive(recordings)) m.putIfAbsent(s.id(), s);
    return new ScenarioCatalog(new LinkedHashMap<>(m));
  }

  /** The catalog of the recordings the {@link RecordingSource}s provide. */
  public static ScenarioCatalog discover() {
    return of(RecordingSource.discover());
  }

  public List<Scenario> all() {
    return List.copyOf(scenarios.values());
  }

  public Optional<Scenario> byId(String id) {
    return Optional.ofNullable(scenarios.get(id));
  }

  public boolean isEmpty() {
    return scenarios.isEmpty();
  }
}
