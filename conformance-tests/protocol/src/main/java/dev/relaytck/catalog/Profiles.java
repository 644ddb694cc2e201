package dev.relaytck.catalog;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The profiles (groups of checks) named by {@code --profile}: each check declares one in its
 * {@link CheckSpec#profile()}. {@code all} means every profile except the opt-in ones, which
 * are too slow or costly to run unasked (docs/contract.md: {@code endurance}).
 */
public final class Profiles {
  public static final String ALL = "all";
  public static final String DEFAULT = "core";
  /** Profiles that {@code all} leaves out: they must be named explicitly. */
  public static final Set<String> OPT_IN = Set.of("endurance");
  /**
   * Profiles that bring others with them: the small-balance trial judges a relay on the wire-format
   * core, Claude Code and every evidence area as well as on its own tasks (docs/trial.md).
   */
  public static final java.util.Map<String, List<String>> INCLUDES = java.util.Map.of(
      "trial", List.of("core", "claude-code", "identity", "perf", "context", "billing", "security"));

  private Profiles() {}

  /** Every profile some check of the catalog belongs to, in catalog order. */
  public static Set<String> known() {
    return known(Catalog.all());
  }

  public static Set<String> known(Collection<Check> checks) {
    Set<String> profiles = new LinkedHashSet<>();
    checks.forEach(c -> profiles.add(c.spec().profile()));
    return profiles;
  }

  /**
   * The concrete profiles a request names: {@code all} expands to every known profile except
   * {@link #OPT_IN}; names are case-insensitive and kept in the order given.
   */
  public static Set<String> expand(List<String> requested) {
    return expand(requested, known());
  }

  public static Set<String> expand(List<String> requested, Set<String> known) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : requested) {
      String p = name.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) continue;
      if (p.equals(ALL)) {
        known.stream().filter(k -> !OPT_IN.contains(k)).forEach(out::add);
      } else {
        out.addAll(INCLUDES.getOrDefault(p, List.of()));
        out.add(p);
      }
    }
    return out;
  }
}
