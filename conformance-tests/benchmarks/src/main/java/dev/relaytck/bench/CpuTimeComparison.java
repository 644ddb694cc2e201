package dev.relaytck.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The workloads of {@link StreamBenchmark}, interleaved round by round in one JVM and timed
 * by the process's CPU time (all threads: the garbage collector's work counts, which matters
 * for allocation-heavy workloads) rather than wall time. On a shared machine (CI runners, the
 * 2-core box the kit is developed on) other processes steal the CPU and skew JMH's wall-clock
 * scores by several times; CPU time and interleaving keep the ratio between the workloads
 * honest. Run: {@code java -cp ... dev.relaytck.bench.CpuTimeComparison [rounds]}.
 */
public final class CpuTimeComparison {
  private CpuTimeComparison() {}

  interface Workload {
    void run(StreamBenchmark b, Blackhole bh) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    StreamBenchmark bench = new StreamBenchmark();
    bench.chunk = 1024;
    bench.load();
    Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    Map<String, Workload> workloads = new LinkedHashMap<>();
    workloads.put("jacksonTreeOfEachDataLine", StreamBenchmark::jacksonTreeOfEachDataLine);
    workloads.put("framingOnly", StreamBenchmark::framingOnly);
    workloads.put("framingGrammarAccumulation", StreamBenchmark::framingGrammarAccumulation);
    workloads.put("withSchemaValidation", StreamBenchmark::withSchemaValidation);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Long> cpu = new LinkedHashMap<>();
    Map<String, Long> ops = new LinkedHashMap<>();
    int warmup = rounds / 3;
    int perRound = 2000;
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, Workload> w : workloads.entrySet()) {
        long start = os.getProcessCpuTime();
        for (int i = 0; i < perRound; i++) {
          w.getValue().run(bench, bh);
        }
        long used = os.getProcessCpuTime() - start;
        if (round >= warmup) {
          cpu.merge(w.getKey(), used, Long::sum);
          ops.merge(w.getKey(), (long) perRound, Long::sum);
        }
      }
    }
    long bytes = bench.totalBytes();
    int events = bench.totalEvents();
    double baseline = 0;
    System.out.printf("%-28s %12s %10s %14s %8s%n", "workload", "ops/cpu-s", "MB/cpu-s", "events/cpu-s", "vs jackson");
    for (String name : workloads.keySet()) {
      double opsPerSecond = ops.get(name) / (cpu.get(name) / 1e9);
      if (baseline == 0) baseline = opsPerSecond;
      System.out.printf("%-28s %12.0f %10.1f %14.0f %8.2f%n", name, opsPerSecond, opsPerSecond * bytes / 1e6,
          opsPerSecond * events, opsPerSecond / baseline);
    }
    System.out.printf("one op = %d bytes, %d events; %d measured rounds of %d ops per workload%n", bytes, events, rounds - warmup, perRound);
  }
}
