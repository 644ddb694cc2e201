package dev.relaytck.schema;

/**
 * What schema validation found at one place of a document.
 *
 * @param kind {@link Kind#VIOLATION} for a known type that breaks its schema (a required field
 *     missing, a wrong value type); {@link Kind#EXTENSION} for something the kit does not know
 *     (an unknown field, block type, delta type or enumeration value), which is never a failure
 * @param pointer JSON pointer of the offending value ({@code ""} for the root); for a missing
 *     required field, the pointer where that field should be
 */
public record SchemaIssue(Kind kind, String pointer, String message) {
  public enum Kind { VIOLATION, EXTENSION }
}
