package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.SdkCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.SdkClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * SDK: the official Java SDK pointed at the relay streams and accumulates (SDK-010) or parses
 * (SDK-020) the scenario's message without an exception, and (hermetic) what it made of it
 * equals the recording (SDK-030). The SDK drops pings and unknown events silently: these
 * complement the raw checks, never replace them.
 */
final class SdkRules {
  /** One SDK call per scenario and run, shared by SDK-010/020 and SDK-030. */
  private static final Map<RunContext, Map<String, SdkClient.Result>> RESULTS = Collections.synchronizedMap(new WeakHashMap<>());

  private SdkRules() {}

  static List<CheckEvaluator> all() {
    // The probe sends its own requests (and costs tokens live): only when the sdk profile is selected.
    BiFunction<Scenario, RunContext, Optional<String>> selected = (s, run) -> run.config().profiles().stream()
        .anyMatch(pr -> pr.equalsIgnoreCase("sdk") || pr.equalsIgnoreCase("all"))
        ? Optional.empty() : Optional.of("profile sdk not selected (profiles: " + String.join(",", run.config().profiles()) + ")");
    BiFunction<Scenario, RunContext, Optional<String>> authored = Applies.and(selected, Applies.when(
        s -> Applies.successfulMessage(s) && Answers.request(s).has("messages") && !Answers.recordedErrorEvent(s),
        "not a successful message scenario the kit authors"));
    return List.of(
        new Rule(SdkCheck.SDK_010, Applies.and(authored, Applies.when(Scenario::streaming, "not a streaming scenario")),
            p -> works(p, SdkCheck.SDK_010)),
        new Rule(SdkCheck.SDK_020, Applies.and(authored, Applies.when(s -> !s.streaming(), "a streaming scenario")),
            p -> works(p, SdkCheck.SDK_020)),
        new Rule(SdkCheck.SDK_030, Applies.hermetic(authored), SdkRules::equalsRecording));
  }

  static SdkClient.Result result(Probe p) {
    // The SDK's requests bypass the kit's client: a run that has stopped (relay silent, time up) sends none.
    p.run().client().budget().admit();
    Map<String, SdkClient.Result> byScenario = RESULTS.computeIfAbsent(p.run(), r -> new ConcurrentHashMap<>());
    return byScenario.computeIfAbsent(p.scenario().id(),
        id -> new SdkClient(p.config(), p.run().client().transport()).send(p.request(), p.scenario().streaming()));
  }

  private static Verdict works(Probe p, SdkCheck check) {
    SdkClient.Result r = result(p);
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("client", "anthropic-java, " + (p.scenario().streaming() ? "createStreaming + MessageAccumulator" : "create"));
    List<Violation> v = new ArrayList<>();
    if (!r.ok()) {
      v.add(Violation.of(check, Location.NONE, r.failure(), "a Message", "an exception"));
    } else if (p.scenario().streaming() && r.events() == 0) {
      v.add(Violation.of(check, Location.NONE, "the SDK saw no stream event at all", "message_start ... message_stop", "no event"));
    }
    return Verdict.of(v, p.scenario().streaming() ? "accumulated a Message from " + r.events() + " events" : "parsed a Message", ctx);
  }

  /** Hermetic: content (ids aside), stop_reason, stop_sequence and usage of the SDK's Message equal the recording's. */
  private static Verdict equalsRecording(Probe p) {
    SdkClient.Result r = result(p);
    List<Violation> v = new ArrayList<>();
    if (!r.ok()) {
      v.add(Violation.of(SdkCheck.SDK_030, Location.NONE, r.failure(), "a Message", "an exception"));
      return Verdict.of(v, "ok", Map.of());
    }
    ObjectNode rec = Answers.recorded(p.scenario()).orElse(null);
    if (rec == null) return Verdict.skip("the recording holds no Message to compare with");
    JsonNode m = r.message();
    v.addAll(JsonDiff.diff(SdkCheck.SDK_030, "/content", MsgRules.withoutIds(rec.path("content")),
        MsgRules.withoutIds(m.path("content")), "the recording", false));
    for (String field : List.of("stop_reason", "stop_sequence", "usage")) {
      if (rec.has(field)) v.addAll(JsonDiff.diff(SdkCheck.SDK_030, "/" + field, rec.get(field), m.path(field), "the recording", false));
    }
    return Verdict.of(v, "the SDK's Message equals the recording", Map.of());
  }
}
