package dev.relaytck.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * USD per million tokens, by model family: the first pattern contained in the model name wins,
 * {@code *} matches any model. The defaults follow the published list prices of each family
 * and err high where generations differ (an estimate that refuses a run too early is cheap; one
 * that lets a run overspend is not); {@code --prices FILE} replaces them. No model name is
 * written here, only family words, so the table keeps working as models change.
 *
 * <p>File format (YAML or JSON): {@code opus: {input: 15, output: 75}}, optionally with
 * {@code cache-write} and {@code cache-read} (default 1.25 and 0.1 times {@code input}).
 */
record PriceTable(Map<String, Price> families) {
  record Price(double input, double output, double cacheWrite, double cacheRead) {
    static Price of(double input, double output) {
      return new Price(input, output, input * 1.25, input * 0.1);
    }
  }

  static final String ANY = "*";

  static PriceTable defaults() {
    Map<String, Price> m = new LinkedHashMap<>();
    m.put("opus", Price.of(15, 75));
    m.put("sonnet", Price.of(3, 15));
    m.put("haiku", Price.of(1, 5));
    // An unknown family is priced like the dearest one.
    m.put(ANY, Price.of(15, 75));
    return new PriceTable(m);
  }

  static PriceTable read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new UsageException("--prices " + file + ": no such file");
    } catch (JacksonException e) {
      throw new UsageException("--prices " + file + ": not YAML or JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UsageException("--prices " + file + ": cannot read it: " + e.getMessage());
    }
    if (root == null || !root.isObject() || root.isEmpty()) {
      throw new UsageException("--prices " + file + ": expected a mapping of model family to {input, output} USD per million tokens");
    }
    Map<String, Price> m = new LinkedHashMap<>();
    root.fields().forEachRemaining(e -> {
      JsonNode p = e.getValue();
      double in = usd(file, e.getKey(), p, "input");
      double out = usd(file, e.getKey(), p, "output");
      double write = p.has("cache-write") ? usd(file, e.getKey(), p, "cache-write") : in * 1.25;
      double read = p.has("cache-read") ? usd(file, e.getKey(), p, "cache-read") : in * 0.1;
      m.put(e.getKey().toLowerCase(Locale.ROOT), new Price(in, out, write, read));
    });
    return new PriceTable(m);
  }

  private static double usd(Path file, String family, JsonNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || !v.isNumber() || v.doubleValue() < 0) {
      throw new UsageException("--prices " + file + ": " + family + "." + field + " must be a number >= 0 (USD per million tokens)");
    }
    return v.doubleValue();
  }

  /** The price of {@code model}, or {@code null} when no family matches and the table has no {@code *}. */
  Price of(String model) {
    String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Price> e : families.entrySet()) {
      if (!e.getKey().equals(ANY) && name.contains(e.getKey())) return e.getValue();
    }
    return families.get(ANY);
  }
}
