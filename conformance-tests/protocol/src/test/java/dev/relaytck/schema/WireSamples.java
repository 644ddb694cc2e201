package dev.relaytck.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test documents: the valid samples under {@code wire-samples/}, and JSON-pointer mutations of documents. */
final class WireSamples {
  static final ObjectMapper JSON = new ObjectMapper();

  record Sample(WireType type, String source, JsonNode document) {
    @Override
    public String toString() {
      return type + " " + source;
    }
  }

  private WireSamples() {}

  static List<Sample> valid(WireType type) {
    String resource = "/wire-samples/" + WireSchemas.fileOf(type);
    try (InputStream in = WireSamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      List<Sample> samples = new ArrayList<>();
      for (JsonNode entry : JSON.readTree(in)) {
        samples.add(new Sample(type, entry.path("source").asText(), entry.get("document")));
      }
      return samples;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of {@code document} with the value at {@code pointer} removed. */
  static JsonNode remove(JsonNode document, String pointer) {
    JsonNode copy = document.deepCopy();
    JsonNode parent = copy.at(parentOf(pointer));
    String last = lastOf(pointer);
    if (parent instanceof ObjectNode object) {
      if (object.remove(last) == null) {
        throw new IllegalArgumentException("nothing at " + pointer);
      }
    } else if (parent instanceof ArrayNode array) {
      array.remove(Integer.parseInt(last));
    } else {
      throw new IllegalArgumentException("no container at " + pointer);
    }
    return copy;
  }

  /** A copy of {@code document} with {@code json} set (or appended, for {@code /-}) at {@code pointer}. */
  static JsonNode set(JsonNode document, String pointer, String json) {
    JsonNode copy = document.deepCopy();
    JsonNode parent = copy.at(parentOf(pointer));
    String last = lastOf(pointer);
    JsonNode value = parse(json);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value);
      } else {
        array.set(Integer.parseInt(last), value);
      }
    } else {
      throw new IllegalArgumentException("no container at " + pointer);
    }
    return copy;
  }

  private static String parentOf(String pointer) {
    return pointer.substring(0, pointer.lastIndexOf('/'));
  }

  private static String lastOf(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
  }
}
