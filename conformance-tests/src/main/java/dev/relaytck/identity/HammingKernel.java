package dev.relaytck.identity;

import java.util.Arrays;
import java.util.List;

/**
 * The string kernel of the distribution test: the Hamming kernel of Model Equality Testing (Gao
 * et al., ICLR 2025) over words. An answer becomes its first {@code length} whitespace-separated
 * words, padded with an end mark, and two answers score the fraction of positions where they agree
 * (1 for identical answers, near 0 for unrelated ones). The end mark makes length part of the
 * comparison, so a model with the same words but shorter answers differs too. Words, not tokens:
 * the Messages API does not return tokens, and words are what every backend shares.
 */
public final class HammingKernel {
  /**
   * Words compared per answer: the paper uses the first 50 tokens; 160 words covers the whole of
   * an open probe's answer (max_tokens 200), so the length of every answer counts.
   */
  public static final int DEFAULT_LENGTH = 160;
  private static final String END = "\u0000end";

  private final int length;

  public HammingKernel(int length) {
    if (length < 1) throw new IllegalArgumentException("kernel length must be at least 1");
    this.length = length;
  }

  public HammingKernel() {
    this(DEFAULT_LENGTH);
  }

  public int length() {
    return length;
  }

  /** The positions the kernel compares: the first {@code length} words, then end marks. */
  public String[] positions(String answer) {
    String[] words = answer == null || answer.isBlank() ? new String[0] : answer.strip().split("\\s+");
    String[] p = new String[length];
    for (int i = 0; i < length; i++) p[i] = i < words.length ? words[i] : END;
    return p;
  }

  public double k(String[] a, String[] b) {
    int same = 0;
    for (int i = 0; i < length; i++) {
      if (a[i].equals(b[i])) same++;
    }
    return same / (double) length;
  }

  /** The kernel matrix of {@code answers} (symmetric, ones on the diagonal). */
  public double[][] matrix(List<String> answers) {
    String[][] pos = answers.stream().map(this::positions).toArray(String[][]::new);
    int n = pos.length;
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      k[i][i] = 1;
      for (int j = i + 1; j < n; j++) {
        k[i][j] = k(pos[i], pos[j]);
        k[j][i] = k[i][j];
      }
    }
    return k;
  }

  @Override
  public String toString() {
    return "Hamming kernel over the first " + length + " words " + Arrays.asList("(end-padded)");
  }
}
