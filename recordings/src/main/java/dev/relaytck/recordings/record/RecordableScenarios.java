package dev.relaytck.recordings.record;

import dev.relaytck.recordings.format.Recording;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which scenarios of a recording set can be recorded from a live upstream, and the selection a
 * user asked for ({@code --scenarios a,b,tool-*}). A scenario is recordable when its answer
 * follows from its request alone; not recordable are derived recordings and injected faults
 * (the upstream cannot be made to fail on demand) and answers that depend on the caller's account
 * or the service's load rather than on the request (401, 403, 429, 5xx).
 */
public final class RecordableScenarios {
  private final Map<String, Recording> templates = new LinkedHashMap<>();

  public RecordableScenarios(List<Recording> templates) {
    templates.forEach(t -> this.templates.put(t.scenario(), t));
  }

  /** Why {@code template} cannot be recorded live, or empty when it can. */
  public static Optional<String> whyNot(Recording template) {
    if (template.fault() != null) {
      return Optional.of("its answer is an injected fault (" + template.fault().kind() + ")");
    }
    if (!"captured-live".equals(template.provenance().kind())) {
      return Optional.of("it is derived, not a capture of a request the API answers on demand");
    }
    int status = template.response().status();
    if (status == 401 || status == 403 || status == 429 || status >= 500) {
      return Optional.of("its status " + status + " depends on the account or the service's load, not on the request");
    }
    return Optional.empty();
  }

  /**
   * The selected templates, in set order.
   *
   * @param spec comma-separated scenario ids and globs ({@code *}, {@code ?}); null or blank for
   *     every recordable scenario
   * @param skipped receives a line for each scenario a glob matched that cannot be recorded
   * @throws IllegalArgumentException for an unknown id, a glob matching nothing, or an id named
   *     explicitly that cannot be recorded
   */
  public List<Recording> select(String spec, List<String> skipped) {
    List<String> patterns = spec == null || spec.isBlank() ? List.of("*")
        : List.of(spec.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("--scenarios names no scenario");
    }
    Map<String, Recording> chosen = new LinkedHashMap<>();
    for (String pattern : patterns) {
      boolean glob = pattern.contains("*") || pattern.contains("?");
      if (!glob) {
        Recording template = templates.get(pattern);
        if (template == null) {
          throw new IllegalArgumentException("unknown scenario '" + pattern + "'; known: " + String.join(", ", templates.keySet()));
        }
        Optional<String> why = whyNot(template);
        if (why.isPresent()) {
          throw new IllegalArgumentException("scenario " + pattern + " cannot be recorded: " + why.get());
        }
        chosen.put(pattern, template);
        continue;
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      List<Recording> matched = templates.values().stream().filter(t -> matcher.matches(Path.of(t.scenario()))).toList();
      if (matched.isEmpty()) {
        throw new IllegalArgumentException("--scenarios " + pattern + " matches no scenario; known: "
            + String.join(", ", templates.keySet()));
      }
      for (Recording template : matched) {
        Optional<String> why = whyNot(template);
        if (why.isPresent()) {
          if (!chosen.containsKey(template.scenario()) && !skipped.contains(skipLine(template, why.get()))) {
            skipped.add(skipLine(template, why.get()));
          }
        } else {
          chosen.put(template.scenario(), template);
        }
      }
    }
    List<Recording> ordered = new ArrayList<>();
    templates.keySet().stream().filter(chosen::containsKey).forEach(id -> ordered.add(chosen.get(id)));
    return ordered;
  }

  private static String skipLine(Recording template, String why) {
    return template.scenario() + ": not recordable, " + why;
  }
}
