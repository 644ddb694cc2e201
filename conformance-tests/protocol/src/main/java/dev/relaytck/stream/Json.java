package dev.relaytck.stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration the validators share: strict about what "one JSON value" means. */
final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      // "exactly one JSON value": trailing tokens after the object are a framing defect (SSE-030).
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final ObjectReader STRICT = MAPPER.reader();

  private Json() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  static ObjectReader strictReader() {
    return STRICT;
  }

  /** Jackson's complaint without its source excerpt, plus the column, e.g. "Unexpected character ('x') at column 12". */
  static String problem(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    JsonLocation loc = e.getLocation();
    if (msg != null) {
      int nl = msg.indexOf('\n');
      if (nl > 0) msg = msg.substring(0, nl);
    }
    return loc == null || loc.getColumnNr() < 0 ? String.valueOf(msg) : msg + " at column " + loc.getColumnNr();
  }

  /** The start of a long value, so a message stays one readable line. */
  static String preview(String s) {
    if (s == null) return "null";
    String oneLine = s.replace("\n", "\\n").replace("\r", "\\r");
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "... (" + s.length() + " chars)";
  }
}
