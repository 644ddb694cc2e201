package dev.relaytck.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every check of the kit: the single source of truth for the suite, {@code relay-tck list},
 * the reports and {@code docs/checks.md}. Add an area's enum to {@link #AREAS} to publish it.
 *
 * <p>Profiles: {@code core} (what every relay must do; the default), {@code faults} (relay
 * behaviour under upstream faults that waits on wall-clock bounds: pauses, client
 * disconnects), {@code sdk} (the official SDK as a client). {@code all} selects every profile
 * except opt-in ones ({@code endurance}).
 */
public final class Catalog {
  private static final List<Class<? extends Enum<? extends Check>>> AREAS = List.of(
      AuthCheck.class,
      HdrCheck.class,
      ReqCheck.class,
      MsgCheck.class,
      SseCheck.class,
      EvtCheck.class,
      ToolCheck.class,
      ThinkCheck.class,
      CacheCheck.class,
      ErrCheck.class,
      FaultCheck.class,
      EpCheck.class,
      BillCheck.class,
      SdkCheck.class,
      CcCheck.class,
      SecCheck.class,
      TrialCheck.class,
      PerfCheck.class,
      CtxCheck.class,
      IdCheck.class);

  private static final List<Check> ALL = load();

  private Catalog() {}

  public static List<Check> all() {
    return ALL;
  }

  public static Optional<Check> byId(String id) {
    return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** Checks whose ID matches any of the given IDs or globs ({@code SSE-*}, {@code *-010}). */
  public static List<Check> select(List<String> idsOrGlobs) {
    List<Pattern> patterns = idsOrGlobs.stream().map(Catalog::glob).toList();
    return ALL.stream().filter(c -> patterns.stream().anyMatch(p -> p.matcher(c.id()).matches())).toList();
  }

  public static Map<Area, List<Check>> byArea() {
    return ALL.stream().collect(Collectors.groupingBy(c -> c.spec().area(), LinkedHashMap::new, Collectors.toList()));
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char ch : glob.trim().toUpperCase().toCharArray()) {
      switch (ch) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString());
  }

  private static List<Check> load() {
    List<Check> checks = new ArrayList<>();
    for (Class<? extends Enum<? extends Check>> area : AREAS) {
      for (Enum<? extends Check> constant : area.getEnumConstants()) {
        checks.add((Check) constant);
      }
    }
    checks.sort(Comparator.comparing((Check c) -> c.spec().area().ordinal()).thenComparing(Check::id));
    Map<String, Long> counts = checks.stream().collect(Collectors.groupingBy(Check::id, Collectors.counting()));
    counts.forEach((id, n) -> {
      if (n > 1) throw new IllegalStateException("duplicate check ID " + id);
    });
    return Collections.unmodifiableList(checks);
  }

  static List<String> ids() {
    return Arrays.asList(ALL.stream().map(Check::id).toArray(String[]::new));
  }
}
