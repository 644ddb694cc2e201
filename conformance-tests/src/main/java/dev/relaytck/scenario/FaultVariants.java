package dev.relaytck.scenario;

import dev.relaytck.recordings.format.AnthropicErrors;
import dev.relaytck.recordings.format.Fault;
import dev.relaytck.recordings.format.FaultSpec;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios the official API cannot be made to produce on demand, derived from a bundled
 * recording and a fault the replay upstream injects when the marker asks for it
 * ({@code [[relay-tck:<recording>:<nonce>:fault=<fault>]]}, docs/replay-server.md): a 403, a
 * 429 with retry-after, a connection dropped mid-stream, an error event mid-stream. Each
 * scenario's recording is what the replay upstream sends for that fault, so checks read the
 * expected answer exactly as for a recorded scenario. Hermetic only: a live upstream injects nothing.
 */
public final class FaultVariants {
  /**
   * @param id the scenario id (never a recording's)
   * @param base the recording it is served from
   * @param fault the fault suffix (grammar of docs/replay-server.md)
   */
  public record Variant(String id, String base, String fault, String title, List<String> features) {}

  /** The variants, each with the checks it is for. */
  public static final List<Variant> ALL = List.of(
      // ERR-040: no recording of a 403 exists; the official API answers permission_error.
      new Variant("error-403", "text-json", "status=403", "403 permission_error (injected by the replay upstream)",
          List.of("error", "permission_error", "injected")),
      // HDR-050: the official 429 carries retry-after (corpus ISSUE_EVIDENCE.md); the recorded one lost it.
      new Variant("error-429-retry-after", "text-json", "status=429", "429 rate_limit_error with retry-after (injected)",
          List.of("error", "rate_limit_error", "retry_after", "injected")),
      // FAULT-010: the upstream drops the connection before message_stop.
      new Variant("stream-close", "text-stream", "close@3", "upstream connection dropped after 3 events (injected)",
          List.of("stream", "fault", "close", "injected")),
      // ERR-110, EVT-060: an error event of another type than the recorded overloaded_error.
      new Variant("stream-error-event", "text-stream", "error@3=api_error", "api_error event after 3 events (injected)",
          List.of("stream", "error", "api_error", "error_event", "injected")));

  private FaultVariants() {}

  /** The variants whose base recording is among {@code recordings} and whose id no recording takes. */
  public static List<Scenario> derive(List<Recording> recordings) {
    Map<String, Recording> byScenario = new LinkedHashMap<>();
    recordings.forEach(r -> byScenario.put(r.scenario(), r));
    List<Scenario> out = new ArrayList<>();
    for (Variant v : ALL) {
      Recording base = byScenario.get(v.base());
      if (base == null || byScenario.containsKey(v.id()) || base.fault() != null) continue;
      Fault fault = FaultSpec.parse(v.fault());
      if (!FaultSpec.STATUS.equals(fault.kind()) && !base.streaming()) continue;
      Recording served = new Recording(base.scenario(), v.title(), v.features(), base.model(), base.provenance(),
          base.request(), response(base, fault), fault);
      out.add(Scenario.variant(v.id(), served));
    }
    return out;
  }

  /** What the replay upstream sends for {@code fault} on {@code base}. */
  static RecordedResponse response(Recording base, Fault fault) {
    if (FaultSpec.STATUS.equals(fault.kind())) {
      AnthropicErrors.Reply reply = AnthropicErrors.reply(fault.status(), fault.errorType(), null);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      reply.headers().forEach((k, v) -> headers.put(k, List.of(v)));
      return new RecordedResponse(reply.status(), headers, reply.body(), null);
    }
    List<RecordedEvent> events = base.response().events();
    List<RecordedEvent> sent = new ArrayList<>(events.subList(0, Math.min(fault.afterEvents(), events.size())));
    if (FaultSpec.ERROR_EVENT.equals(fault.kind())) {
      long at = sent.isEmpty() ? 0 : sent.get(sent.size() - 1).offsetMs();
      sent.add(new RecordedEvent(at, AnthropicErrors.errorEvent(fault.errorType())));
    } else if (!FaultSpec.CLOSE.equals(fault.kind())) {
      sent = events;
    }
    return new RecordedResponse(base.response().status(), base.response().headers(), null, List.copyOf(sent));
  }
}
