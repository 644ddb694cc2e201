package dev.relaytck.standin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * A stochastic word model: a vocabulary with Zipf-like frequencies, answers whose length is
 * log-normal around a family mean, and sentences of 5 to 16 words. The prompt shapes the
 * distribution (a hash of it boosts a topic of words and scales the length), so one prompt
 * always has one distribution while its answers differ at temperature 1. Families differ in
 * vocabulary, frequencies, length and tokenizer; {@link #variant} keeps the vocabulary and
 * shifts the rest slightly, the kind of sibling a statistical identity test must tell apart.
 */
public final class WordModel implements LanguageModel {
  /** What makes a family: vocabulary, frequencies, length and tokenizer. */
  public record Shape(List<String> vocabulary, double zipfExponent, double meanWords, double lengthSigma,
      long frequencySeed, double frequencyJitter, Tokenizer tokenizer) {
    public Shape {
      vocabulary = List.copyOf(vocabulary);
    }
  }

  private static final int TOPIC_WORDS = 24;
  private static final double TOPIC_BOOST = 6.0;

  private final String name;
  private final int maxOutputTokens;
  private final int contextWindow;
  private final Shape shape;
  private final double[] baseWeights;

  public WordModel(String name, int maxOutputTokens, int contextWindow, Shape shape) {
    this.name = name;
    this.maxOutputTokens = maxOutputTokens;
    this.contextWindow = contextWindow;
    this.shape = shape;
    int n = shape.vocabulary().size();
    baseWeights = new double[n];
    Random jitter = new Random(shape.frequencySeed());
    for (int i = 0; i < n; i++) {
      baseWeights[i] = Math.pow(i + 1, -shape.zipfExponent()) * Math.exp(jitter.nextGaussian() * shape.frequencyJitter());
    }
  }

  /**
   * A sibling with the same vocabulary and tokenizer: answers {@code lengthFactor} as long and
   * word frequencies jittered by {@code jitter} (log-scale standard deviation) from another seed.
   */
  public WordModel variant(String variantName, double lengthFactor, double jitter) {
    Shape s = new Shape(shape.vocabulary(), shape.zipfExponent(), shape.meanWords() * lengthFactor,
        shape.lengthSigma(), shape.frequencySeed() ^ 0x5DEECE66DL, jitter, shape.tokenizer());
    return new WordModel(variantName, maxOutputTokens, contextWindow, s);
  }

  /** The same model under another name and limits (a relay's alias, a newer snapshot). */
  public WordModel renamed(String newName, int newMaxOutputTokens, int newContextWindow) {
    return new WordModel(newName, newMaxOutputTokens, newContextWindow, shape);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int maxOutputTokens() {
    return maxOutputTokens;
  }

  @Override
  public int contextWindow() {
    return contextWindow;
  }

  @Override
  public Tokenizer tokenizer() {
    return shape.tokenizer();
  }

  public Shape shape() {
    return shape;
  }

  @Override
  public List<String> sample(String prompt, RandomGenerator rng, double temperature) {
    Random promptRandom = new Random(promptSeed(prompt));
    double[] weights = baseWeights.clone();
    for (int i = 0; i < TOPIC_WORDS && weights.length > 0; i++) {
      weights[promptRandom.nextInt(weights.length)] *= TOPIC_BOOST;
    }
    // Low temperature sharpens the distribution; 0 is treated as a sharp but seeded sampler.
    double exponent = 1.0 / Math.max(temperature, 0.25);
    double[] cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += Math.pow(weights[i], exponent);
      cumulative[i] = sum;
    }
    double promptLength = Math.exp(promptRandom.nextGaussian() * 0.25);
    double mean = shape.meanWords() * promptLength;
    int words = (int) Math.max(3, Math.round(mean * Math.exp(rng.nextGaussian() * shape.lengthSigma()
        - shape.lengthSigma() * shape.lengthSigma() / 2)));
    List<String> out = new ArrayList<>(words);
    int sentenceLeft = 0;
    for (int i = 0; i < words; i++) {
      String w = shape.vocabulary().get(pick(cumulative, rng.nextDouble() * sum));
      if (sentenceLeft == 0) {
        sentenceLeft = 5 + rng.nextInt(12);
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      }
      sentenceLeft--;
      if (sentenceLeft == 0 || i == words - 1) {
        w = w + (i == words - 1 || rng.nextInt(6) > 0 ? "." : ",");
        if (w.endsWith(",")) {
          sentenceLeft = 3 + rng.nextInt(6);
        }
      }
      out.add(w);
    }
    return out;
  }

  private static int pick(double[] cumulative, double x) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A stable seed from the prompt text (SHA-256, so near prompts get unrelated topics). */
  static long promptSeed(String prompt) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (d[i] & 0xff);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
