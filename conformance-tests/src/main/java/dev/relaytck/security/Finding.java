package dev.relaytck.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One difference a security probe found, with the exact bytes: which exchange, which content
 * block, what the upstream sent there and what the client received, and anything executable
 * the relay added.
 *
 * @param exchange the exchange's label (scenario id, probe name, endurance call)
 * @param where the block, in words: {@code tool_use #1 (bash)}, {@code text block #0}
 * @param diff the changed bytes, or {@code null} when a whole block was added or removed
 * @param executable executable additions the conversation never contained
 */
public record Finding(String exchange, String where, String problem, ByteDiff diff, List<String> executable) {
  public Finding {
    executable = List.copyOf(executable);
  }

  public String message() {
    StringBuilder s = new StringBuilder(exchange).append(", ").append(where).append(": ").append(problem);
    if (diff != null) s.append(' ').append(diff);
    if (!executable.isEmpty()) s.append("; executable additions: ").append(String.join(", ", executable));
    return s.toString();
  }

  public Map<String, Object> evidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("exchange", exchange);
    m.put("where", where);
    m.put("problem", problem);
    if (diff != null) m.putAll(diff.evidence());
    if (!executable.isEmpty()) m.put("executable", executable);
    return m;
  }
}
