package dev.relaytck.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The built-in model families. Names are the caller's (the stand-in holds no real model name);
 * limits default to what a current large model accepts and can be changed with
 * {@link WordModel#renamed}.
 *
 * <ul>
 *   <li>{@link #alpha}: plain English vocabulary, about 110 words an answer, word-piece tokens of 4 characters;</li>
 *   <li>{@link #beta}: technical vocabulary, shorter and more variable answers, pieces of 3 characters
 *       (about 30 % more tokens for the same text, like a newer tokenizer);</li>
 *   <li>{@link #gamma}: a syllable vocabulary of another language, long answers, byte-level tokens;</li>
 *   <li>{@link #alphaLite}: alpha's vocabulary and tokenizer, answers about 15 % shorter and word
 *       frequencies shifted slightly: the subtle sibling.</li>
 *   <li>{@link #capable}: alpha that also solves tasks with checkable answers (programs, numerals,
 *       emoji counts, refusal boundaries, two-tool requests) 90 % of the time at temperature 1;</li>
 *   <li>{@link #capableLite}: its cheaper sibling, the same words and tokenizer, right 30 % of the time.</li>
 * </ul>
 */
public final class StandInModels {
  public static final int DEFAULT_MAX_OUTPUT = 64_000;
  public static final int DEFAULT_WINDOW = 200_000;

  private static final List<String> PLAIN = List.of((
      "the of and to a in is that it for as with was on be by this are or at from have an not but"
      + " they which one you all were can we there their been has more if will would about into so"
      + " some what out other could time these two may then do first any like my now over such our"
      + " man me even most made after also did many before must through back years where much your"
      + " way well down should because each just those people how too little state good very make"
      + " world still own see men work long get here between both life being under never day same"
      + " another know while last might us great old year off come since against go came right used"
      + " take three small place again light water house answer question river garden morning"
      + " window letter friend evening journey simple careful quiet gentle bright warm clear open"
      + " reason idea story number part word point thing side kind head hand eye voice road city").split(" "));

  private static final List<String> TECHNICAL = List.of((
      "system process function value parameter request response buffer stream channel protocol"
      + " interface module component instance object method variable constant structure pattern"
      + " algorithm sequence iteration condition boundary threshold latency throughput capacity"
      + " allocation scheduler register pointer reference handler adapter resolver encoder decoder"
      + " compiler runtime kernel socket packet frame header payload schema record field index"
      + " table query cursor transaction commit rollback snapshot replica shard partition cluster"
      + " node edge vertex graph tree heap queue stack vector matrix tensor gradient optimizer"
      + " configuration deployment container orchestration service endpoint gateway proxy relay"
      + " cache eviction consistency availability tolerance redundancy checksum signature token"
      + " certificate handshake cipher entropy nonce digest validation verification assertion"
      + " therefore however consequently accordingly furthermore namely typically generally"
      + " efficient robust scalable deterministic concurrent asynchronous idempotent immutable").split(" "));

  private StandInModels() {}

  public static WordModel alpha(String name) {
    return new WordModel(name, DEFAULT_MAX_OUTPUT, DEFAULT_WINDOW,
        new WordModel.Shape(PLAIN, 1.05, 110, 0.35, 11L, 0.0, Tokenizer.wordPieces(4)));
  }

  /** alpha's subtle sibling: same vocabulary and tokenizer, ~15 % shorter, frequencies shifted. */
  public static WordModel alphaLite(String name) {
    return alpha(name).variant(name, 0.85, 0.35);
  }

  /** Solves the capability probes most of the time; otherwise alpha. */
  public static SkilledModel capable(String name) {
    return new SkilledModel(alpha(name), 0.9);
  }

  /** capable's cheaper sibling: alpha's words and tokenizer, solving much less often. */
  public static SkilledModel capableLite(String name) {
    return new SkilledModel(alpha(name), 0.3);
  }

  public static WordModel beta(String name) {
    return new WordModel(name, DEFAULT_MAX_OUTPUT, DEFAULT_WINDOW,
        new WordModel.Shape(TECHNICAL, 0.9, 70, 0.6, 23L, 0.0, Tokenizer.wordPieces(3)));
  }

  public static WordModel gamma(String name) {
    return new WordModel(name, DEFAULT_MAX_OUTPUT, DEFAULT_WINDOW,
        new WordModel.Shape(syllableWords(260, 37L), 1.2, 160, 0.25, 37L, 0.0, Tokenizer.utf8Bytes(3)));
  }

  /** Pseudo-words of two to four syllables: a vocabulary no English family shares. */
  private static List<String> syllableWords(int count, long seed) {
    String[] onsets = {"k", "t", "m", "n", "s", "r", "h", "y", "w", "g", "d", "b", "p", "z"};
    String[] vowels = {"a", "i", "u", "e", "o", "ai", "ou"};
    Random r = new Random(seed);
    java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>();
    while (words.size() < count) {
      int syllables = 2 + r.nextInt(3);
      StringBuilder w = new StringBuilder();
      for (int i = 0; i < syllables; i++) {
        w.append(onsets[r.nextInt(onsets.length)]).append(vowels[r.nextInt(vowels.length)]);
      }
      words.add(w.toString());
    }
    return new ArrayList<>(words);
  }
}
