package dev.relaytck.recordings.trial;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bundled, non-sensitive sample project the trial works on (resources under
 * {@value #RESOURCE}): a tiny Node library run with {@code node --test}, one test failing on purpose
 * ({@code applyDiscount}), a constant to read ({@code REORDER_THRESHOLD}), and a large ledger of about
 * 60,000 tokens that holds one detail to recall. The ledger is generated when the project is copied,
 * deterministically, so the repository does not carry 240 kB of filler.
 *
 * <p>The replay upstream's scripted model answers from what reached it (a tool result, the piped
 * ledger), so these facts are what a correct session must end with, not what the script assumes.
 */
public final class SampleProject {
  static final String RESOURCE = "relay-tck/trial/sample-project/";
  /** Every file of the project, relative to its root (resources cannot be listed from a jar). */
  public static final List<String> FILES = List.of(
      "package.json", "README.md", "src/price.js", "src/inventory.js", "test/price.test.js", "test/inventory.test.js");
  public static final String LEDGER = "data/ledger.txt";
  /** The value the code-reading task must report: {@code REORDER_THRESHOLD} in src/inventory.js. */
  public static final String THRESHOLD = "37";
  /** The detail the long-context task must recall from the ledger. */
  public static final String VAULT_CODE = "COBALT-HERON-58";
  /** The line of the ledger that holds {@link #VAULT_CODE} (about two thirds in). */
  static final int VAULT_LINE = 1_900;
  static final int LEDGER_LINES = 2_800;
  /** The bug of src/price.js, and the fix the scripted model applies. */
  public static final String BUG = "return totalCents - percent;";
  public static final String FIX = "return totalCents - (totalCents * percent) / 100;";

  private SampleProject() {}

  /** Copies the project into {@code dir} (created when missing) and generates its ledger. */
  public static void copyTo(Path dir) throws IOException {
    for (String file : FILES) {
      Path target = dir.resolve(file);
      Files.createDirectories(target.getParent());
      try (InputStream in = SampleProject.class.getClassLoader().getResourceAsStream(RESOURCE + file)) {
        if (in == null) throw new IOException("the sample project resource " + RESOURCE + file + " is missing from the kit");
        Files.write(target, in.readAllBytes());
      }
    }
    Path ledger = dir.resolve(LEDGER);
    Files.createDirectories(ledger.getParent());
    Files.writeString(ledger, ledger(), StandardCharsets.UTF_8);
  }

  /**
   * The ledger: {@value #LEDGER_LINES} lines of stock counts from a fixed linear congruential
   * sequence (the same bytes on every machine and run), one of them naming the vault code.
   */
  public static String ledger() {
    String[] clerks = {"Marlow", "Ines", "Okafor", "Tanaka", "Lindqvist", "Moreau", "Haddad", "Novak"};
    String[] notes = {"routine count", "recount after delivery", "damaged carton set aside", "label reprinted",
        "moved to overflow shelf", "cycle count", "returned by customer", "awaiting inspection"};
    StringBuilder sb = new StringBuilder(LEDGER_LINES * 100);
    long seed = 20_260_314L;
    for (int line = 1; line <= LEDGER_LINES; line++) {
      seed = (seed * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L);
      long r = seed >>> 17;
      sb.append(String.format(java.util.Locale.ROOT, "entry %05d | 2026-%02d-%02d | aisle %02d | sku SKU-%05d | counted %3d | clerk %s | %s",
          line, 1 + r % 12, 1 + (r >>> 4) % 28, 1 + (r >>> 9) % 40, (r >>> 13) % 100_000, (r >>> 30) % 500,
          clerks[(int) ((r >>> 40) % clerks.length)], notes[(int) ((r >>> 44) % notes.length)]));
      if (line == VAULT_LINE) sb.append(" | the vault code for this entry is ").append(VAULT_CODE);
      sb.append('\n');
    }
    return sb.toString();
  }

  /** For a reader of the project: the text of one bundled file. */
  public static String read(String file) {
    try (InputStream in = SampleProject.class.getClassLoader().getResourceAsStream(RESOURCE + file)) {
      if (in == null) throw new IllegalArgumentException("no such sample project file: " + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
