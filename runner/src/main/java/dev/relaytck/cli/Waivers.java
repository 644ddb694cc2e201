package dev.relaytck.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.relaytck.catalog.Catalog;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Known failures with a justification ({@code --waivers FILE}): a YAML or JSON list of
 * {@code {id, reason}}, or a mapping with such a list under {@code waivers}. A waived failure
 * is reported as waived and does not fail the run; it never certifies a profile either. Every
 * ID must name a check of the catalog and every reason must say something: a waiver nobody can
 * justify is a usage error.
 */
final class Waivers {
  private final Map<String, String> reasons;

  private Waivers(Map<String, String> reasons) {
    this.reasons = reasons;
  }

  static Waivers none() {
    return new Waivers(Map.of());
  }

  static Waivers read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new UsageException("--waivers " + file + ": no such file");
    } catch (JacksonException e) {
      throw new UsageException("--waivers " + file + ": not YAML or JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UsageException("--waivers " + file + ": cannot read it: " + e.getMessage());
    }
    if (root != null && root.isObject() && root.has("waivers")) root = root.get("waivers");
    if (root == null || !root.isArray()) {
      throw new UsageException("--waivers " + file + ": expected a list of {id, reason} (or one under 'waivers')");
    }
    Map<String, String> reasons = new LinkedHashMap<>();
    int n = 0;
    for (JsonNode w : root) {
      n++;
      String id = w.path("id").asText("").trim();
      String reason = w.path("reason").asText("").trim();
      if (!w.isObject() || id.isEmpty()) throw new UsageException("--waivers " + file + ": entry " + n + " has no id");
      if (Catalog.byId(id).isEmpty()) throw new UsageException("--waivers " + file + ": entry " + n + ": no check " + id + " in the catalog");
      if (reason.isEmpty()) throw new UsageException("--waivers " + file + ": entry " + n + " (" + id + ") has no reason");
      if (reasons.put(id, reason) != null) throw new UsageException("--waivers " + file + ": " + id + " is waived twice");
    }
    return new Waivers(Map.copyOf(reasons));
  }

  boolean isEmpty() {
    return reasons.isEmpty();
  }

  /** The results with the waiver attached to failures (and kit errors) of waived checks. */
  List<CheckResult> apply(List<CheckResult> results) {
    List<CheckResult> out = new ArrayList<>(results.size());
    for (CheckResult r : results) {
      String reason = reasons.get(r.check().id());
      boolean failing = r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR;
      out.add(reason != null && failing
          ? new CheckResult(r.check(), r.outcome(), r.message(), r.evidence(), r.scenarios(), reason, r.skipBasis())
          : r);
    }
    return out;
  }

  /** Waived checks that did not fail: the waiver can go. */
  List<String> unneeded(List<CheckResult> results) {
    List<String> ids = new ArrayList<>();
    for (CheckResult r : results) {
      if (reasons.containsKey(r.check().id()) && r.outcome() == Outcome.PASSED) ids.add(r.check().id());
    }
    return ids;
  }
}
