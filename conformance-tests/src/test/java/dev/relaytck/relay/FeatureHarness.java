package dev.relaytck.relay;

import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The real replay upstream (WireMock) serving the bundled official recordings plus two derived
 * ones (tool_choice any and none), a {@link TamperProxy} with one feature defect (or none) in
 * front of it, and the test relay (faithful, or with allowed transformations) in front of that.
 * Evaluates the checks of some areas on every scenario they apply to.
 */
public final class FeatureHarness implements AutoCloseable {
  public final ReplayServer replay;
  public final TamperProxy tamper;
  private final RemarkingUpstream remarking;
  public final TestRelay relay;
  public final RunContext run;

  public FeatureHarness(FeatureDefect defect, Set<Behaviour> behaviours, boolean hermetic, Map<String, String> extra) throws IOException {
    replay = ReplayServer.start(ReplayOptions.of(recordings()).withTimeScale(0.01));
    // Live requests carry no marker: the replay upstream is then reached through one that finds it from the request.
    remarking = hermetic ? null : new RemarkingUpstream(URI.create(replay.baseUrl()), recordings());
    tamper = new TamperProxy(remarking != null ? remarking.url() : URI.create(replay.baseUrl()), defect);
    relay = new TestRelay(tamper.url(), behaviours);
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, relay.url().toString());
    p.put(TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
    if (hermetic) p.put(TargetConfig.REPLAY_URL, replay.baseUrl());
    p.put(TargetConfig.TIMEOUT_IDLE, "3000");
    p.put(TargetConfig.TIMEOUT_HEADERS, "8000");
    p.put(TargetConfig.TIMEOUT_TOTAL, "15000");
    p.putAll(extra);
    TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
    run = new RunContext(config, ScenarioCatalog.of(recordings()));
  }

  /** The bundled official recordings and the derived tool_choice any / none ones. */
  public static List<Recording> recordings() {
    List<Recording> all = new ArrayList<>(Recordings.bundled());
    // The bundled recordings now hold captured tool_choice any / none exchanges; derive only what they lack.
    java.util.Set<String> bundled = new java.util.HashSet<>();
    all.forEach(r -> bundled.add(r.scenario()));
    if (!bundled.contains("tool-choice-any")) {
      all.add(toolChoice("any", "{\"type\":\"tool_use\",\"id\":\"toolu_01DerivedAny\",\"name\":\"weather\",\"input\":{\"city\":\"Paris\"}}", "tool_use"));
    }
    if (!bundled.contains("tool-choice-none")) {
      all.add(toolChoice("none", "{\"type\":\"text\",\"text\":\"I would look up the weather in Paris.\"}", "end_turn"));
    }
    return all;
  }

  private static Recording toolChoice(String choice, String block, String stopReason) {
    String model = "claude-test-model-1";
    String body = "{\"model\":\"" + model + "\",\"max_tokens\":256,\"tool_choice\":{\"type\":\"" + choice + "\"},"
        + "\"tools\":[{\"name\":\"weather\",\"description\":\"weather\",\"input_schema\":{\"type\":\"object\","
        + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}";
    String response = "{\"id\":\"msg_01Derived" + choice + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
        + "\"content\":[" + block + "],\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":40,\"output_tokens\":20}}";
    return new Recording("tool-choice-" + choice, "tool_choice " + choice + " (derived)", List.of("tool_use", "tool_choice"), model,
        TestRecordings.derived(), TestRecordings.request(body, false),
        new RecordedResponse(200, TestRecordings.jsonHeaders("req_01Derived" + choice), response.getBytes(StandardCharsets.UTF_8), null), null);
  }

  /** Every implemented check of {@code areas} on every scenario it applies to, by check ID then scenario. */
  public Map<String, Map<String, Verdict>> evaluate(Set<Area> areas) {
    Map<String, Map<String, Verdict>> out = new TreeMap<>();
    for (Check check : Catalog.all()) {
      if (!areas.contains(check.spec().area()) || !Evaluators.implemented(check)) continue;
      for (Scenario s : run.scenarios().all()) {
        if (Evaluators.of(check).notApplicable(s, run).isPresent()) continue;
        out.computeIfAbsent(check.id(), k -> new LinkedHashMap<>()).put(s.id(), Evaluators.evaluate(check, s, run));
      }
    }
    return out;
  }

  @Override
  public void close() {
    relay.close();
    tamper.close();
    if (remarking != null) remarking.close();
    replay.close();
  }
}
