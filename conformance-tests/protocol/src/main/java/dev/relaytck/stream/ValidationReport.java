package dev.relaytck.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Severity;
import dev.relaytck.catalog.Violation;
import java.util.List;

/**
 * What validating one response body found.
 *
 * @param kind whether the body was an SSE stream or a JSON body
 * @param violations every finding in body order, INFO extensions included (see {@link #failures()})
 * @param eventCount SSE events dispatched (0 for a JSON body)
 * @param bytes bytes of the body read
 * @param message the Message the body amounts to: the JSON body itself, or for a stream the
 *     message accumulated from message_start and every delta; {@code null} when there was none
 *     (an error body, a stream without message_start)
 * @param error the error object of an error body or of a stream's {@code error} event, else {@code null}
 */
public record ValidationReport(
    BodyKind kind, List<Violation> violations, int eventCount, long bytes, ObjectNode message, ObjectNode error) {

  public ValidationReport {
    violations = List.copyOf(violations);
  }

  /** The violations of MUST and SHOULD checks: what makes a body non-conforming. */
  public List<Violation> failures() {
    return violations.stream().filter(v -> v.check().severity() != Severity.INFO).toList();
  }

  /** True when nothing but INFO findings were made. */
  public boolean clean() {
    return failures().isEmpty();
  }

  /** The kind of body a response carried. */
  public enum BodyKind { SSE, JSON }
}
