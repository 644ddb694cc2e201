package dev.relaytck.relay;

import dev.relaytck.catalog.Check;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.replay.ReplayOptions;
import dev.relaytck.recordings.replay.ReplayServer;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The timing and context checks' test bed: the real replay upstream pacing a long, evenly
 * spaced stream at the recorded pace, a faithful {@link TestRelay} with 1-byte chunks in front
 * of it, and a {@link TimingProxy} with one defect (or none) in front of that.
 */
public final class TimingHarness implements AutoCloseable {
  /** Events of the paced stream and their spacing: long enough that a burst stands out of any noise. */
  static final int EVENTS = 12;
  static final long GAP_MS = 40;

  public final RunContext run;
  private final ReplayServer replay;
  private final TestRelay relay;
  private final TimingProxy proxy;

  public TimingHarness(TimingDefect defect, Map<String, String> settings) throws IOException {
    this(defect, java.util.Set.of(), settings);
  }

  /** With {@code relayDefects} added to the faithful relay's 1-byte chunks. */
  public TimingHarness(TimingDefect defect, java.util.Set<Behaviour> relayDefects, Map<String, String> settings) throws IOException {
    replay = ReplayServer.start(ReplayOptions.of(recordings()).withTimeScale(1.0));
    EnumSet<Behaviour> behaviours = EnumSet.of(Behaviour.SINGLE_BYTE_CHUNKS);
    behaviours.addAll(relayDefects);
    relay = new TestRelay(URI.create(replay.baseUrl()), behaviours);
    proxy = new TimingProxy(relay.url(), defect);
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, proxy.url().toString());
    p.put(TargetConfig.API_KEY, TestRelay.CLIENT_KEY);
    p.put(TargetConfig.REPLAY_URL, replay.baseUrl());
    p.put(TargetConfig.TIMEOUT_IDLE, "5000");
    p.put(TargetConfig.TIMEOUT_HEADERS, "10000");
    p.put(TargetConfig.TIMEOUT_TOTAL, "30000");
    TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of());
    run = new RunContext(config, ScenarioCatalog.of(recordings()), k -> Optional.ofNullable(settings.get(k)));
  }

  /** A text answer and an evenly paced stream (the timing scenario). */
  public static List<Recording> recordings() {
    return List.of(TestRecordings.text(), pacedStream());
  }

  static Recording pacedStream() {
    List<RecordedEvent> events = new ArrayList<>();
    String start = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01Paced\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"" + TestRecordings.MODEL + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}";
    events.add(event(0, "message_start", start));
    events.add(event(GAP_MS, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
    int deltas = EVENTS - 5;
    for (int i = 0; i < deltas; i++) {
      events.add(event(GAP_MS * (2 + i), "content_block_delta",
          "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word" + i + " \"}}"));
    }
    long t = GAP_MS * (2 + deltas);
    events.add(event(t, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
    events.add(event(t + GAP_MS, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + deltas + "}}"));
    events.add(event(t + 2 * GAP_MS, "message_stop", "{\"type\":\"message_stop\"}"));
    String body = "{\"model\":\"" + TestRecordings.MODEL + "\",\"max_tokens\":256,\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Count slowly\"}]}";
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("content-type", List.of("text/event-stream; charset=utf-8"));
    h.put("request-id", List.of("req_01Paced"));
    return new Recording("paced-stream", "an evenly paced stream", List.of("stream"), TestRecordings.MODEL,
        TestRecordings.derived(), TestRecordings.request(body, true), new RecordedResponse(200, h, null, events), null);
  }

  private static RecordedEvent event(long offsetMs, String type, String data) {
    return new RecordedEvent(offsetMs, ("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  public Verdict evaluate(Check check) {
    return Evaluators.evaluateRun(Evaluators.runCheck(check).orElseThrow(), run);
  }

  @Override
  public void close() {
    proxy.close();
    relay.close();
    replay.close();
  }
}
