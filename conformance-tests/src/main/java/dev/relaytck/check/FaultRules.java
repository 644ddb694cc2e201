package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import dev.relaytck.catalog.FaultCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** FAULT: what reaches the client when the upstream fails. */
final class FaultRules {
  private FaultRules() {}

  static List<CheckEvaluator> all() {
    return List.of(new Rule(FaultCheck.FAULT_010,
        Applies.hermetic(Applies.when(s -> s.fault() != null && "close".equals(s.fault().kind()) && s.streaming()
            && !upstreamCompleted(s.recording().response().events(), s.fault().afterEvents()),
            "no mid-stream close injected in this scenario")),
        FaultRules::noFabricatedEnd));
  }

  /** Whether the events the upstream sends before closing already include message_stop (then nothing is fabricated). */
  static boolean upstreamCompleted(List<RecordedEvent> events, int afterEvents) {
    if (events == null) return false;
    for (int i = 0; i < Math.min(afterEvents, events.size()); i++) {
      if (new String(events.get(i).bytes(), StandardCharsets.UTF_8).contains("message_stop")) return true;
    }
    return false;
  }

  private static Verdict noFabricatedEnd(Probe p) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    if (e.status() >= 200 && e.status() < 300 && SseRules.looksLikeStream(e)) {
      for (SseEvent ev : e.framing().events()) {
        String type = SseRules.parse(ev.data()).map(j -> j.path("type").asText(null)).orElse(ev.event());
        if ("message_stop".equals(type)) {
          v.add(Violation.of(FaultCheck.FAULT_010, Location.event(ev.index(), ev.byteOffset()),
              "the upstream closed after " + p.scenario().fault().afterEvents()
                  + " events, yet the client received a complete message", "a broken stream or an error event", "message_stop"));
        }
      }
    }
    return Verdict.of(v, "the broken upstream stream was not disguised (" + e.ending() + ")", context(e));
  }
}
