package dev.relaytck.recordings.cassette;

/**
 * How faithfully a cassette kept a response body, which decides what it can prove: only raw
 * bodies say anything about SSE framing or bytes; re-serialized ones still prove content and
 * event grammar.
 */
public enum BodyKind {
  /** The SSE stream as the API sent it (field lines, padding, blank lines). */
  SSE_RAW("sse-raw"),
  /** Stream events kept as one data JSON per line: no {@code event:} lines, no padding. */
  SSE_RESERIALIZED("sse-reserialized"),
  /** A JSON body as the API sent it (possibly pretty-printed by the fixture's author). */
  JSON("json"),
  /** A JSON body parsed and re-written by the recorder (e.g. pydantic-ai's {@code parsed_body}). */
  JSON_RESERIALIZED("json-reserialized"),
  /** No body, or one that is neither JSON nor SSE. */
  OTHER("other");

  private final String id;

  BodyKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public boolean stream() {
    return this == SSE_RAW || this == SSE_RESERIALIZED;
  }

  @Override
  public String toString() {
    return id;
  }
}
