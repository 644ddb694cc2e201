package dev.relaytck.context;

import dev.relaytck.check.RunContext;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/** {@code metrics.context}: what each CTX check measured in this run, by key. */
public final class ContextMetrics {
  private static final Map<RunContext, Map<String, Object>> BY_RUN = Collections.synchronizedMap(new WeakHashMap<>());

  private ContextMetrics() {}

  /** Adds {@code value} under {@code key} and republishes {@code metrics.context}. */
  public static void note(RunContext run, String key, Object value) {
    Map<String, Object> m = BY_RUN.computeIfAbsent(run, r -> Collections.synchronizedMap(new TreeMap<>()));
    m.put(key, value);
    synchronized (m) {
      run.putMetric("context", new TreeMap<>(m));
    }
  }
}
