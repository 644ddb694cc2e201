package dev.relaytck.recordings.cassette;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** Turning the loosely typed values of a loaded cassette into bytes and header maps. */
final class CassetteValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CassetteValues() {}

  /** A body as a cassette stores it: text, raw bytes (maybe gzip), or a {@code {string: ...}} map. */
  static byte[] bytes(Object body) {
    if (body == null) {
      return null;
    }
    if (body instanceof byte[] raw) {
      return gunzipIfCompressed(raw);
    }
    if (body instanceof Map<?, ?> map) {
      if (map.containsKey("string")) {
        return bytes(map.get("string"));
      }
      if (map.containsKey("base64_string")) {
        return gunzipIfCompressed(java.util.Base64.getMimeDecoder().decode(String.valueOf(map.get("base64_string"))));
      }
      return null;
    }
    return gunzipIfCompressed(String.valueOf(body).getBytes(StandardCharsets.UTF_8));
  }

  /** Re-serializes a parsed body (pydantic-ai's {@code parsed_body}) as compact JSON. */
  static byte[] json(Object parsed) {
    try {
      return JSON.writeValueAsBytes(parsed);
    } catch (JsonProcessingException e) {
      throw new CorpusException("cannot re-serialize a parsed body: " + e.getMessage(), e);
    }
  }

  /** Recorders keep gzip bodies as the wire bytes; the magic number says so whatever the headers say. */
  static byte[] gunzipIfCompressed(byte[] raw) {
    if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
      return raw;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new CorpusException("a gzip body does not decompress: " + e.getMessage(), e);
    }
  }

  /** Header maps: name to one value or a list of values; names compared without case. */
  static Map<String, List<String>> headers(Object headers) {
    Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (!(headers instanceof Map<?, ?> map)) {
      return out;
    }
    map.forEach((name, value) -> {
      List<String> values = out.computeIfAbsent(String.valueOf(name), k -> new ArrayList<>());
      if (value instanceof Collection<?> many) {
        many.forEach(v -> values.add(String.valueOf(v)));
      } else if (value != null) {
        values.add(String.valueOf(value));
      }
    });
    return out;
  }

  static int status(Object status) {
    if (status instanceof Map<?, ?> map) {
      return status(map.get("code"));
    }
    if (status instanceof Number n) {
      return n.intValue();
    }
    if (status != null) {
      try {
        return Integer.parseInt(String.valueOf(status).strip());
      } catch (NumberFormatException e) {
        return CorpusExchange.STATUS_UNKNOWN;
      }
    }
    return CorpusExchange.STATUS_UNKNOWN;
  }

  static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
