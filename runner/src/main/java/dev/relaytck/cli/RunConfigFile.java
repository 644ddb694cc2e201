package dev.relaytck.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of {@code run --config FILE}: a YAML (or JSON) mapping whose keys are the long
 * option names of {@code run} without the dashes ({@code base-url}, {@code replay},
 * {@code profile}, ...). Options given on the command line win over the file. Secrets never
 * belong in a file that is committed for CI: {@code api-key}, {@code auth-token} and
 * {@code balance-token} are refused; {@code api-key-env}, {@code auth-token-env} and
 * {@code balance-token-env} name the environment variables that hold them.
 * See docs/ci.md for an example.
 */
final class RunConfigFile {
  static final Set<String> KEYS = Set.of(
      "base-url", "replay", "check", "waivers", "ca-cert", "profile", "model", "model-map", "header",
      "strict", "report-dir", "max-cost-usd", "prices", "api-key-env", "auth-token-env",
      "http", "max-body-bytes", "max-run-seconds", "max-timeouts", "timeout-ms",
      "price", "currency-rate", "balance", "balance-token-env", "balance-header", "billing-tolerance", "billing-settle-ms");

  private final Path file;
  private final JsonNode root;

  private RunConfigFile(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  static RunConfigFile empty() {
    return new RunConfigFile(null, new ObjectMapper().createObjectNode());
  }

  static RunConfigFile read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new UsageException("--config " + file + ": no such file");
    } catch (JacksonException e) {
      throw new UsageException("--config " + file + ": not YAML or JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UsageException("--config " + file + ": cannot read it: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = new ObjectMapper().createObjectNode();
    }
    if (!root.isObject()) {
      throw new UsageException("--config " + file + ": expected a mapping of option names to values, got " + root.getNodeType());
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.equals("api-key") || key.equals("auth-token")) {
        throw new UsageException("--config " + file + ": '" + key + "' does not belong in a file; name the environment variable that holds it with '"
            + key + "-env'");
      }
      if (key.equals("balance-token")) {
        throw new UsageException("--config " + file + ": 'balance-token' does not belong in a file (it is the balance API's credential);"
            + " name the environment variable that holds it with 'balance-token-env', or pass --balance-token");
      }
      if (!KEYS.contains(key)) {
        throw new UsageException("--config " + file + ": unknown setting '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    return new RunConfigFile(file, root);
  }

  Optional<String> text(String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) return Optional.empty();
    if (!n.isValueNode()) throw bad(key, "a single value");
    return Optional.of(n.asText()).filter(s -> !s.isBlank());
  }

  Optional<Path> path(String key) {
    // Relative paths in the file are relative to the file, so a CI folder keeps its files together.
    return text(key).map(Path::of).map(p -> p.isAbsolute() || file == null ? p : file.toAbsolutePath().getParent().resolve(p));
  }

  Optional<Boolean> bool(String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) return Optional.empty();
    if (!n.isBoolean()) throw bad(key, "true or false");
    return Optional.of(n.booleanValue());
  }

  Optional<Double> number(String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) return Optional.empty();
    if (n.isNumber()) return Optional.of(n.doubleValue());
    try {
      return Optional.of(Double.parseDouble(n.asText().trim()));
    } catch (NumberFormatException e) {
      throw bad(key, "a number");
    }
  }

  /** A list, or one comma-separated string. */
  Optional<List<String>> list(String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) return Optional.empty();
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(e -> {
        if (!e.isValueNode()) throw bad(key, "a list of strings");
        out.add(e.asText().trim());
      });
    } else if (n.isValueNode()) {
      for (String s : n.asText().split(",")) out.add(s.trim());
    } else {
      throw bad(key, "a list or a comma-separated string");
    }
    out.removeIf(String::isBlank);
    return Optional.of(out);
  }

  /** A mapping, or a list of {@code A<sep>B} strings. */
  Optional<Map<String, String>> pairs(String key, char sep) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) return Optional.empty();
    Map<String, String> out = new LinkedHashMap<>();
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        if (!e.getValue().isValueNode()) throw bad(key, "a mapping of strings");
        out.put(e.getKey(), e.getValue().asText());
      });
      return Optional.of(out);
    }
    for (String entry : list(key).orElse(List.of())) {
      int i = entry.indexOf(sep);
      if (i <= 0) throw bad(key, "entries of the form A" + sep + "B, got '" + entry + "'");
      out.put(entry.substring(0, i).trim(), entry.substring(i + 1).trim());
    }
    return Optional.of(out);
  }

  private UsageException bad(String key, String expected) {
    return new UsageException("--config " + file + ": '" + key + "' must be " + expected);
  }
}
