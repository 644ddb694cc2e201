package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Differences between two JSON values as violations, each at its JSON pointer (numbers compared by value). */
final class JsonDiff {
  private static final int MAX = 10;

  private JsonDiff() {}

  /**
   * @param symmetric also report fields {@code actual} has and {@code expected} lacks (a relay
   *     adding fields to a request changes it; a response with extra fields may be fine)
   */
  static List<Violation> diff(Check check, String base, JsonNode expected, JsonNode actual, String what, boolean symmetric) {
    List<Violation> out = new ArrayList<>();
    walk(check, base, expected, actual, what, symmetric, out);
    return out;
  }

  private static void walk(Check check, String at, JsonNode e, JsonNode a, String what, boolean symmetric, List<Violation> out) {
    if (out.size() >= MAX) return;
    if (e.isObject() && a.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = e.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        walk(check, at + "/" + f.getKey(), f.getValue(), a.path(f.getKey()), what, symmetric, out);
      }
      if (symmetric) {
        Iterator<Map.Entry<String, JsonNode>> extra = a.fields();
        while (extra.hasNext()) {
          Map.Entry<String, JsonNode> f = extra.next();
          if (!e.has(f.getKey()) && out.size() < MAX) {
            out.add(Violation.of(check, Location.pointer(at + "/" + f.getKey()), "a field was added", "absent", abbreviate(f.getValue())));
          }
        }
      }
      return;
    }
    if (e.isArray() && a.isArray()) {
      if (e.size() != a.size()) {
        out.add(Violation.of(check, Location.pointer(at), "a different number of elements than " + what, e.size() + " elements", a.size() + " elements"));
        return;
      }
      for (int i = 0; i < e.size(); i++) walk(check, at + "/" + i, e.get(i), a.get(i), what, symmetric, out);
      return;
    }
    boolean same = e.isNumber() && a.isNumber() ? e.decimalValue().compareTo(a.decimalValue()) == 0 : e.equals(a);
    if (!same && !(e.isMissingNode() && a.isMissingNode())) {
      out.add(Violation.of(check, Location.pointer(at.isEmpty() ? "/" : at), "differs from " + what,
          e.isMissingNode() ? "absent" : abbreviate(e), a.isMissingNode() ? "absent" : abbreviate(a)));
    }
  }

  static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
