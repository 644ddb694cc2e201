package dev.relaytck.identity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which probes are sent: every probe {@code samples} times (the recall probes once),
 * shuffled by the seed and interleaved with ordinary requests (one for every five probe requests),
 * so identity traffic comes in no recognisable burst or sequence.
 *
 * @param probe the probe sent, or {@code null} for an ordinary request
 */
public record ProbePlan(List<Step> steps) {
  public record Step(RenderedProbe probe, String body) {
    public boolean ordinary() {
      return probe == null;
    }
  }

  private static final String[] ORDINARY = {
      "What's a good name for a grey cat?", "Give me a synonym for 'quick'.", "How many minutes are in three hours?",
      "Suggest a title for a blog post about houseplants.", "What is the capital of Canada?",
      "Write one sentence thanking a colleague for their help.", "Is a tomato a fruit or a vegetable? One line.",
      "Recommend a board game for four players in one sentence."};

  public static ProbePlan of(List<RenderedProbe> probes, int samples, long seed, String model) {
    Random r = new Random(seed);
    List<Step> steps = new ArrayList<>();
    for (RenderedProbe p : probes) {
      int n = p.once() ? 1 : samples;
      for (int i = 0; i < n; i++) steps.add(new Step(p, p.body()));
    }
    int ordinary = Math.max(2, steps.size() / 5);
    for (int i = 0; i < ordinary; i++) {
      steps.add(new Step(null, ProbeSuite.body(model, 40, 1.0, ORDINARY[r.nextInt(ORDINARY.length)], null)));
    }
    Collections.shuffle(steps, r);
    return new ProbePlan(List.copyOf(steps));
  }

  public int probeRequests() {
    return (int) steps.stream().filter(s -> !s.ordinary()).count();
  }
}
