package dev.relaytck.timing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunCheck.PlannedSend;
import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.ExchangeRequest;
import dev.relaytck.recordings.format.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests the timing checks send, declared before the run so a live estimate covers them
 * (--max-cost-usd): {@link TimingSession#ROUNDS} streams of each timing scenario through the
 * relay (and as many to {@code --baseline}, which bills the user's own key), and the
 * concurrency burst. Tokens per send: the request's bytes / 4 in; out, twice what the official
 * API wrote when the scenario was recorded (a live answer at temperature 1 varies), never more than
 * the request's {@code max_tokens}.
 */
public final class TimingPlan {
  /** Key shared by every PERF check that reads the paired samples: counted once. */
  public static final String SAMPLES = "perf-samples";
  public static final String BURST = "perf-concurrency";

  private TimingPlan() {}

  /** The paired samples (PERF-010, 020, 030, 050). */
  public static List<PlannedSend> samples(RunContext run) {
    List<PlannedSend> out = new ArrayList<>();
    TimingSession session = TimingSession.of(run);
    for (Scenario s : session.timingScenarios()) {
      out.add(send(run, s, SAMPLES + "-" + s.id(), "timing " + s.id(), TimingSession.ROUNDS));
      if (!run.config().hermetic() && session.directPath().isPresent()) {
        out.add(send(run, s, SAMPLES + "-baseline-" + s.id(), "timing " + s.id() + " (baseline)", TimingSession.ROUNDS));
      }
    }
    return out;
  }

  /** The concurrency burst (PERF-040): {@code --concurrency} streams, as many to the baseline. */
  public static List<PlannedSend> burst(RunContext run, int n) {
    TimingSession session = TimingSession.of(run);
    List<Scenario> scenarios = session.timingScenarios();
    if (scenarios.isEmpty()) return List.of();
    List<PlannedSend> out = new ArrayList<>();
    out.add(send(run, scenarios.get(0), BURST, "concurrency x" + n, n));
    if (!run.config().hermetic() && session.directPath().isPresent()) {
      out.add(send(run, scenarios.get(0), BURST + "-baseline", "concurrency x" + n + " (baseline)", n));
    }
    return out;
  }

  private static PlannedSend send(RunContext run, Scenario s, String key, String label, int repeats) {
    ExchangeRequest r = ScenarioRequests.build(s, run.config(), s.freshMarker());
    int bytes = r.body() == null ? 0 : r.body().length;
    JsonNode body = s.recording().request().body();
    long max = body == null ? 0 : body.path("max_tokens").asLong(0);
    long recorded = recordedOutput(s);
    long out = recorded > 0 ? Math.min(max, 2 * recorded) : max;
    String model = run.config().model() != null ? run.config().model()
        : body == null ? null : body.path("model").asText(null);
    return new PlannedSend(key, label, r.pathAndQuery(), model, bytes, repeats, bytes / 4, out);
  }

  /** The output tokens the recording's message_delta reports, 0 when none does. */
  static long recordedOutput(Scenario s) {
    long out = 0;
    for (RecordedEvent e : s.recording().response().events()) {
      Matcher m = OUTPUT.matcher(new String(e.bytes(), StandardCharsets.UTF_8));
      while (m.find()) out = Math.max(out, Long.parseLong(m.group(1)));
    }
    return out;
  }

  private static final Pattern OUTPUT = Pattern.compile("\"output_tokens\"\\s*:\\s*(\\d+)");

  /** {@code --concurrency}, default {@link TimingSession#DEFAULT_CONCURRENCY}. */
  public static int concurrency(RunContext run) {
    return run.setting(EvidenceSettings.CONCURRENCY).map(v -> {
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        return TimingSession.DEFAULT_CONCURRENCY;
      }
    }).orElse(TimingSession.DEFAULT_CONCURRENCY);
  }
}
