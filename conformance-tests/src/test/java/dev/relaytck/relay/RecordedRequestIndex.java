package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.target.NeutralClient;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which recording an unmarked request is the request of, for test upstreams that answer live
 * runs (live requests carry no scenario marker, docs/live.md): the body equal to a recording's
 * with the values of model, max_tokens and thinking aside (a live run sets those for its model) and the kit's
 * name left out as live requests leave it out. Among
 * recordings with the same request, one with a status a request can cause (not 429 or 5xx, no
 * injected stream fault), a 200 before an error, else the first in the given order.
 */
final class RecordedRequestIndex {
  private final Map<JsonNode, String> scenarioByRequest = new HashMap<>();

  RecordedRequestIndex(List<Recording> recordings) {
    recordings.stream()
        .filter(r -> r.request() != null && r.request().body() != null && r.request().body().isObject())
        .sorted(Comparator.comparing((Recording r) -> !causable(r)).thenComparing(r -> r.response().status() != 200))
        .forEach(r -> scenarioByRequest.putIfAbsent(key(r.request().body()), r.scenario()));
  }

  /** The scenario whose recorded request {@code body} is, if any. */
  Optional<String> scenarioOf(JsonNode body) {
    if (body == null || !body.isObject()) return Optional.empty();
    Optional<String> exact = Optional.ofNullable(scenarioByRequest.get(key(body)));
    if (exact.isPresent() || body.path("messages").size() < 3) return exact;
    // A follow-up turn (the recorded answer sent back and a new user turn, as THINK-030 sends) is answered as the recording.
    ObjectNode earlier = body.deepCopy();
    com.fasterxml.jackson.databind.node.ArrayNode messages = (com.fasterxml.jackson.databind.node.ArrayNode) earlier.get("messages");
    messages.remove(messages.size() - 1);
    messages.remove(messages.size() - 1);
    return Optional.ofNullable(scenarioByRequest.get(key(earlier)));
  }

  /** Answered by the request itself: no injected fault, and not a status only the service's state causes. */
  private static boolean causable(Recording r) {
    int status = r.response().status();
    return (r.fault() == null || "status".equals(r.fault().kind())) && status != 429 && status < 500;
  }

  /** The body as compared: model, max_tokens and thinking aside, and without the kit's name (live requests drop it). */
  private static JsonNode key(JsonNode body) {
    ObjectNode k = body.deepCopy();
    // Their values aside, not their presence: a live 400 is provoked by leaving max_tokens out.
    for (String f : List.of("model", "max_tokens", "thinking")) {
      if (k.has(f)) k.put(f, "*");
    }
    try {
      return TestRecordings.JSON.readTree(NeutralClient.unnamed(TestRecordings.JSON.writeValueAsString(k)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
