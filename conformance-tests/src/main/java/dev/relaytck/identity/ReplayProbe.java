package dev.relaytck.identity;

import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * ID-060: the same request, byte for byte, several times at temperature 1. Long answers sampled
 * independently never coincide; identical ones mean a cache or canned answers.
 */
public final class ReplayProbe {
  public static final int REPEATS = 3;
  /** Below this length identical answers can happen by chance (a one-word reply). */
  public static final int LONG_ENOUGH = 200;

  /** One repeat: its text (first 300 characters), length and time. */
  public record Repeat(String excerpt, int length, double totalMs, int status) {}

  /** @param identicalPairs pairs (1-based) of identical long answers */
  public record Result(List<Repeat> repeats, List<String> identicalPairs, boolean longEnough) {}

  private ReplayProbe() {}

  public static Result run(Function<ExchangeRequest, Exchange> send, String model, long seed) {
    String body = ProbeSuite.body(model, 250, 1.0, "Write an original short story of about 120 words about "
        + new String[] {"a lost umbrella", "a clockmaker's apprentice", "a whale that collects shells", "a snowed-in bakery"}[
            (int) Math.floorMod(seed, 4L)] + ".", null);
    List<String> texts = new ArrayList<>();
    List<Repeat> repeats = new ArrayList<>();
    for (int i = 0; i < REPEATS; i++) {
      Exchange e = send.apply(ExchangeRequest.postJson("/v1/messages", body));
      ProbeAnswer a = ProbeAnswer.of(e);
      texts.add(a.ok() ? a.text() : null);
      repeats.add(new Repeat(a.ok() ? a.text().substring(0, Math.min(300, a.text().length())) : a.error(),
          a.text().length(), e.totalMs(), e.status()));
    }
    List<String> identical = new ArrayList<>();
    boolean longEnough = false;
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) != null && texts.get(i).length() >= LONG_ENOUGH) longEnough = true;
      for (int j = i + 1; j < texts.size(); j++) {
        String a = texts.get(i);
        if (a != null && a.length() >= LONG_ENOUGH && a.equals(texts.get(j))) identical.add((i + 1) + "=" + (j + 1));
      }
    }
    return new Result(repeats, identical, longEnough);
  }
}
