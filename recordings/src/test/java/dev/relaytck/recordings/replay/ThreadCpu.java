package dev.relaytck.recordings.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a Linux process split by what its threads do (JIT compiler, garbage collector,
 * Jetty's pool, the stream clock, the rest), read from {@code /proc/PID/task/TID/stat}. The
 * benchmark prints the split of the server's CPU so a figure says where the time went, not only
 * how much: on 2 shared cores, the JIT and GC threads compete with the stream clock.
 */
final class ThreadCpu {
  /** Linux reports thread times in clock ticks of 1/100 s on every platform the kit runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ThreadCpu() {}

  /** CPU nanoseconds per thread group of a live process; empty when /proc cannot be read. */
  static Map<String, Long> of(long pid) {
    Map<String, Long> groups = new LinkedHashMap<>();
    for (String g : new String[] {"jit", "gc", "jetty", "clock", "other"}) groups.put(g, 0L);
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      tasks.forEach(task -> {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close);
          String[] f = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          groups.merge(group(name), ticks * NANOS_PER_TICK, Long::sum);
        } catch (IOException | RuntimeException threadEnded) {
          // the thread ended between the listing and the read: its time is in no group
        }
      });
    } catch (IOException e) {
      return Map.of();
    }
    return groups;
  }

  private static String group(String name) {
    if (name.contains("CompilerThre")) return "jit";
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
        || name.matches("Z(Driver|Director|Worker|Stat|Unmapper|Uncommitter).*")) return "gc";
    if (name.startsWith("qtp")) return "jetty";
    if (name.startsWith("relay-tck-strea")) return "clock";
    return "other";
  }

  /** "jit 1.2 gc 0.3 ..." seconds between two readings. */
  static String difference(Map<String, Long> before, Map<String, Long> after) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (s.length() > 0) s.append(' ');
      s.append(String.format(Locale.ROOT, "%s %.2f", e.getKey(), d / 1e9));
    }
    return s.toString();
  }
}
