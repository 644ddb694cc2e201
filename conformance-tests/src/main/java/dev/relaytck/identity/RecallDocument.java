package dev.relaytck.identity;

import java.util.Random;

/**
 * The haystack of the long-context recall probes: a ~20k-token shipping log generated from a
 * seed (or of a given length), with one access code ("the needle") placed at a given depth.
 */
public record RecallDocument(String text, String archive, String code) {
  /** About 72,000 characters: some 20,000 tokens of this text (numbers and names tokenise densely). */
  static final int TARGET_CHARS = 72_000;
  private static final String[] PLACES = {"Harbor", "Quarry", "Mill", "Depot", "Orchard", "Foundry", "Station", "Market"};
  private static final String[] GOODS = {"copper wire", "oak planks", "wool bales", "salt sacks", "glass jars", "tin cans", "rope coils"};
  private static final String[] ARCHIVES = {"Juniper", "Basalt", "Marigold", "Falcon", "Cobalt", "Heron", "Saffron"};

  static RecallDocument generate(long seed, double depth) {
    return generate(seed, depth, TARGET_CHARS);
  }

  /** The same log of about {@code chars} characters (CTX-050's ~100k-token documents), the needle at {@code depth}. */
  public static RecallDocument generate(long seed, double depth, int chars) {
    Random r = new Random(seed);
    String archive = ARCHIVES[r.nextInt(ARCHIVES.length)];
    String code = Integer.toString(1000 + r.nextInt(9000));
    String needle = "Note for the records office: the access code of the " + archive + " archive is " + code + ".";
    StringBuilder s = new StringBuilder(chars + 200);
    boolean placed = false;
    int day = 1;
    while (s.length() < chars) {
      if (!placed && s.length() >= depth * chars) {
        s.append(needle).append('\n');
        placed = true;
      }
      s.append("Day ").append(day++).append(": the ").append(PLACES[r.nextInt(PLACES.length)]).append(" logged ")
          .append(2 + r.nextInt(300)).append(" crates of ").append(GOODS[r.nextInt(GOODS.length)]).append(", checked by clerk ")
          .append((char) ('A' + r.nextInt(26))).append(". ");
      if (r.nextInt(6) == 0) s.append('\n');
    }
    if (!placed) s.append(needle).append('\n');
    return new RecallDocument(s.toString(), archive, code);
  }
}
