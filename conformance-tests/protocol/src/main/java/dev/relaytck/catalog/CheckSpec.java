package dev.relaytck.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a check is: stable ID ({@code AREA-NNN}), severity, profile, the section of
 * Anthropic's documentation it enforces, a one-line title, the requirement in a sentence,
 * and a hint that tells a relay engineer what to change when it fails.
 *
 * @param docRef a path under {@code https://platform.claude.com/docs/en/} or
 *     {@code https://code.claude.com/docs/en/} with its section anchor, e.g.
 *     {@code build-with-claude/streaming#event-types}; see {@link #docUrl()}
 */
public record CheckSpec(
    String id,
    Severity severity,
    String profile,
    String docRef,
    String title,
    String requirement,
    String hint) {

  private static final Pattern ID = Pattern.compile("[A-Z]+-\\d{3}");

  public CheckSpec {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("check ID must be AREA-NNN: " + id);
    }
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(docRef, "docRef");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(hint, "hint");
  }

  public Area area() {
    return Area.valueOf(id.substring(0, id.indexOf('-')));
  }

  /** The documentation page: Claude Code pages live on code.claude.com, the API's on platform.claude.com. */
  public String docUrl() {
    if (docRef.startsWith("http")) {
      return docRef;
    }
    String host = docRef.startsWith("claude-code/")
        ? "https://code.claude.com/docs/en/" + docRef.substring("claude-code/".length())
        : "https://platform.claude.com/docs/en/" + docRef;
    return host;
  }
}
