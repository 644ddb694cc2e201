package dev.relaytck.catalog;

/**
 * Where a violation is: the event number (0-based, in arrival order), the byte offset in
 * the response body, a header name, or a JSON pointer. Any part may be absent.
 */
public record Location(Integer eventIndex, Long byteOffset, String header, String jsonPointer) {
  public static final Location NONE = new Location(null, null, null, null);

  public static Location event(int eventIndex, long byteOffset) {
    return new Location(eventIndex, byteOffset, null, null);
  }

  public static Location byteOffset(long byteOffset) {
    return new Location(null, byteOffset, null, null);
  }

  public static Location header(String name) {
    return new Location(null, null, name, null);
  }

  public static Location pointer(String jsonPointer) {
    return new Location(null, null, null, jsonPointer);
  }

  public Location withPointer(String pointer) {
    return new Location(eventIndex, byteOffset, header, pointer);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (eventIndex != null) s.append("event #").append(eventIndex);
    if (byteOffset != null) s.append(s.length() > 0 ? ", " : "").append("byte ").append(byteOffset);
    if (header != null) s.append(s.length() > 0 ? ", " : "").append("header ").append(header);
    if (jsonPointer != null) s.append(s.length() > 0 ? ", " : "").append("at ").append(jsonPointer.isEmpty() ? "/" : jsonPointer);
    return s.toString();
  }
}
