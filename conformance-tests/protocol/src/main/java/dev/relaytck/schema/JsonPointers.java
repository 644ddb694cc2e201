package dev.relaytck.schema;

import com.networknt.schema.path.NodePath;

/** RFC 6901 JSON pointers, built from the validator's instance locations whatever path syntax it is configured with. */
final class JsonPointers {
  private JsonPointers() {}

  static String of(NodePath path) {
    if (path == null) {
      return "";
    }
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return pointer.toString();
  }

  static String child(String parent, String name) {
    return name == null ? parent : parent + "/" + escape(name);
  }

  /** {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}, in that order. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
