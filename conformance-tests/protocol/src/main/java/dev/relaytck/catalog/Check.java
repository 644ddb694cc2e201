package dev.relaytck.catalog;

/**
 * One rule of the protocol, declared once in code. Implemented by one enum per area
 * ({@link SseCheck}, {@link EvtCheck}, ...), each constant delegating to a {@link CheckSpec};
 * {@link Catalog} lists them all. The ID never changes meaning once published.
 */
public interface Check {
  CheckSpec spec();

  default String id() {
    return spec().id();
  }

  default Severity severity() {
    return spec().severity();
  }

  /** {@code [SSE-020] MUST every event has an event: line equal to data.type}: every report starts names with the ID. */
  default String displayName() {
    return "[" + id() + "] " + severity() + " " + spec().title();
  }
}
