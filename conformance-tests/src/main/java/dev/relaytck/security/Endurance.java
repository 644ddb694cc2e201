package dev.relaytck.security;

import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * SEC-040, hermetic: {@code --calls N} requests (default 60), integrity probes (recorded tool
 * calls) and ordinary requests (recorded text answers) in an order shuffled by the run's seed,
 * each compared with its recording as SEC-010 and SEC-020 do. Relays that tamper only after
 * some clean calls (so a one-shot test misses them) are caught at the call where it starts.
 */
public final class Endurance {
  public static final int DEFAULT_CALLS = 60;

  /**
   * @param firstTamperedCall 1-based number of the first call whose answer differed, or 0
   * @param tamperedCalls how many calls differed
   */
  public record Result(int calls, int probes, long seed, int firstTamperedCall, int tamperedCalls, List<Finding> findings,
      List<String> unreadable, List<String> order) {}

  private Endurance() {}

  public static int calls(RunContext run) {
    return run.setting(EvidenceSettings.CALLS).map(Integer::parseInt).filter(n -> n > 0).orElse(DEFAULT_CALLS);
  }

  public static long seed(RunContext run) {
    return run.setting(EvidenceSettings.SEED).map(Long::parseLong).orElse(System.nanoTime());
  }

  public static Result hermetic(RunContext run) {
    int n = calls(run);
    long seed = seed(run);
    List<Scenario> probes = RecordedScenarios.withToolCalls(run);
    List<Scenario> ordinary = RecordedScenarios.comparable(run).stream().filter(s -> !probes.contains(s)).toList();
    // Half probes, half ordinary requests between them; each kind cycles through its scenarios.
    List<Scenario> plan = new ArrayList<>();
    int probeCount = ordinary.isEmpty() ? n : (n + 1) / 2;
    for (int i = 0; i < probeCount; i++) plan.add(probes.get(i % probes.size()));
    for (int i = 0; plan.size() < n; i++) plan.add(ordinary.get(i % ordinary.size()));
    Collections.shuffle(plan, new Random(seed));
    List<Finding> findings = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> order = new ArrayList<>();
    int first = 0;
    int tampered = 0;
    for (int i = 0; i < plan.size(); i++) {
      Scenario s = plan.get(i);
      String label = "call " + (i + 1) + " (" + s.id() + ")";
      order.add(s.id());
      Exchange e = run.client().send("sec-040#" + (i + 1), ScenarioRequests.build(s, run.config(), s.freshMarker()));
      Optional<MessageView> got = MessageView.of(e);
      if (got.isEmpty()) {
        unreadable.add(label + ": " + e.summary());
        continue;
      }
      MessageView want = RecordedScenarios.expected(s).get();
      String conversation = e.sentBody() == null ? "" : new String(e.sentBody(), java.nio.charset.StandardCharsets.UTF_8);
      List<Finding> here = new ArrayList<>(Integrity.toolInputs(label, want, got.get(), conversation));
      here.addAll(Integrity.text(label, want, got.get(), conversation));
      if (!here.isEmpty()) {
        tampered++;
        if (first == 0) first = i + 1;
        findings.addAll(here);
      }
    }
    return new Result(plan.size(), probeCount, seed, first, tampered, findings, unreadable, order);
  }
}
