package dev.relaytck.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The built-in families differ the way the identity tests need, and the subtle variant only slightly. */
class StandInModelsTests {
  static double meanWords(WordModel m, String prompt, int n) {
    SplittableRandom rng = new SplittableRandom(7);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += m.sample(prompt, rng, 1.0).size();
    }
    return sum / n;
  }

  static Map<String, Integer> frequencies(WordModel m, String prompt, int n) {
    Map<String, Integer> f = new HashMap<>();
    SplittableRandom rng = new SplittableRandom(9);
    for (int i = 0; i < n; i++) {
      for (String w : m.sample(prompt, rng, 1.0)) {
        f.merge(w.toLowerCase().replaceAll("[.,]", ""), 1, Integer::sum);
      }
    }
    return f;
  }

  @Test
  void theSubtleVariantIsAboutFifteenPercentShorterWithTheSameVocabulary() {
    WordModel alpha = StandInModels.alpha("a");
    WordModel lite = StandInModels.alphaLite("a-lite");
    double ratio = meanWords(lite, "prompt one", 2000) / meanWords(alpha, "prompt one", 2000);
    assertThat(ratio).isBetween(0.80, 0.90);
    assertThat(frequencies(alpha, "prompt one", 300).keySet()).containsAll(frequencies(lite, "prompt one", 300).keySet());
    assertThat(lite.tokenizer().count("configuration verification")).isEqualTo(alpha.tokenizer().count("configuration verification"));
    // Shifted frequencies: the most frequent words are not in the same order.
    assertThat(top(frequencies(alpha, "prompt one", 500), 10)).isNotEqualTo(top(frequencies(lite, "prompt one", 500), 10));
  }

  @Test
  void familiesHaveDifferentVocabulariesAndLengths() {
    Map<String, Integer> a = frequencies(StandInModels.alpha("a"), "p", 50);
    Map<String, Integer> b = frequencies(StandInModels.beta("b"), "p", 50);
    Map<String, Integer> g = frequencies(StandInModels.gamma("g"), "p", 50);
    assertThat(a.keySet()).doesNotContainAnyElementsOf(g.keySet());
    assertThat(b.keySet()).doesNotContainAnyElementsOf(g.keySet());
    assertThat(meanWords(StandInModels.gamma("g"), "p", 500)).isGreaterThan(meanWords(StandInModels.beta("b"), "p", 500) * 1.5);
  }

  @Test
  void theDistributionDependsOnThePromptOnly() {
    WordModel alpha = StandInModels.alpha("a");
    // Same prompt, same seed: same answer (the distribution is a function of the prompt).
    assertThat(alpha.sample("same prompt", new SplittableRandom(3), 1.0))
        .isEqualTo(alpha.sample("same prompt", new SplittableRandom(3), 1.0));
    // Another prompt shifts the topic words.
    assertThat(top(frequencies(alpha, "about rivers", 400), 12)).isNotEqualTo(top(frequencies(alpha, "about code", 400), 12));
  }

  static List<String> top(Map<String, Integer> f, int n) {
    return f.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n).map(Map.Entry::getKey).toList();
  }
}
