package dev.relaytck.billing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The official list prices, USD per million tokens, by model family: the first family word
 * contained in the model name wins, {@code *} matches any model. The defaults follow the
 * published list prices of each family and err high where generations differ; {@code --prices
 * FILE} replaces them. No model name is written here, only family words, so the table keeps
 * working as models change. The run's cost estimate and BILL-060 read the same table.
 *
 * <p>File format (YAML or JSON): {@code opus: {input: 15, output: 75}}, optionally with
 * {@code cache-write} and {@code cache-read} (default 1.25 and 0.1 times {@code input}).
 */
public record ListPrices(Map<String, Price> families) {
  public static final String ANY = "*";
  /** Where the defaults come from, for reports. */
  public static final String DEFAULT_SOURCE = "the kit's default list prices by model family (about-claude/pricing)";

  public ListPrices {
    families = Collections.unmodifiableMap(new LinkedHashMap<>(families));
  }

  public static ListPrices defaults() {
    Map<String, Price> m = new LinkedHashMap<>();
    m.put("opus", Price.of(15, 75));
    m.put("sonnet", Price.of(3, 15));
    m.put("haiku", Price.of(1, 5));
    // An unknown family is priced like the dearest one.
    m.put(ANY, Price.of(15, 75));
    return new ListPrices(m);
  }

  /**
   * Reads a price file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static ListPrices read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--prices " + file + ": no such file");
    } catch (JacksonException e) {
      throw new IllegalArgumentException("--prices " + file + ": not YAML or JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("--prices " + file + ": cannot read it: " + e.getMessage());
    }
    if (root == null || !root.isObject() || root.isEmpty()) {
      throw new IllegalArgumentException("--prices " + file + ": expected a mapping of model family to {input, output} USD per million tokens");
    }
    Map<String, Price> m = new LinkedHashMap<>();
    root.fields().forEachRemaining(e -> {
      JsonNode p = e.getValue();
      double in = usd(file, e.getKey(), p, "input");
      double out = usd(file, e.getKey(), p, "output");
      double write = p.has("cache-write") ? usd(file, e.getKey(), p, "cache-write") : in * Price.CACHE_WRITE_FACTOR;
      double read = p.has("cache-read") ? usd(file, e.getKey(), p, "cache-read") : in * Price.CACHE_READ_FACTOR;
      m.put(e.getKey().toLowerCase(Locale.ROOT), new Price(in, out, write, read));
    });
    return new ListPrices(m);
  }

  private static double usd(Path file, String family, JsonNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || !v.isNumber() || v.doubleValue() < 0) {
      throw new IllegalArgumentException("--prices " + file + ": " + family + "." + field + " must be a number >= 0 (USD per million tokens)");
    }
    return v.doubleValue();
  }

  /** The price of {@code model}, or {@code null} when no family matches and the table has no {@code *}. */
  public Price of(String model) {
    return families.get(family(model));
  }

  /** The family entry {@code model} is priced by ({@code *} when only that matches), or {@code null}. */
  public String family(String model) {
    return family(families.keySet(), model);
  }

  /** The first of {@code families} contained in {@code model} ({@code *} when only that matches), or {@code null}. */
  public static String family(java.util.Collection<String> families, String model) {
    String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
    for (String f : families) {
      if (!f.equals(ANY) && name.contains(f)) return f;
    }
    return families.contains(ANY) ? ANY : null;
  }
}
