package dev.relaytck.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.catalog.ErrCheck;
import dev.relaytck.catalog.HdrCheck;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import dev.relaytck.target.TargetConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fault variants of the scenario catalog: what they ask the replay upstream for, and what they expect. */
class FaultVariantsTests {
  private static final List<Recording> BUNDLED = Recordings.bundled();

  @Test
  void aSuiteRunHasTheRecordingsAndTheVariantsWhoseBaseExists() {
    ScenarioCatalog plain = ScenarioCatalog.of(BUNDLED);
    ScenarioCatalog run = ScenarioCatalog.forRun(BUNDLED);

    assertThat(run.all()).hasSize(plain.all().size() + FaultVariants.ALL.size());
    assertThat(run.all().stream().filter(Scenario::injected).map(Scenario::id))
        .containsExactlyInAnyOrder("error-403", "error-429-retry-after", "stream-close", "stream-error-event");
    assertThat(plain.all()).noneMatch(Scenario::injected);
    // Without its base recording a variant is not made up.
    List<Recording> noText = BUNDLED.stream().filter(r -> !r.scenario().startsWith("text-")).toList();
    assertThat(FaultVariants.derive(noText)).isEmpty();
  }

  @Test
  void theMarkerNamesTheRecordingAndCarriesTheFault() {
    ScenarioCatalog run = ScenarioCatalog.forRun(BUNDLED);
    Marker m = run.byId("stream-close").orElseThrow().freshMarker();
    assertThat(m.scenario()).isEqualTo("text-stream");
    assertThat(m.fault()).isEqualTo("close@3");
    assertThat(m.text()).matches("\\[\\[relay-tck:text-stream:[0-9a-f]{16}:fault=close@3]]");
    assertThat(run.byId("error-403").orElseThrow().freshMarker().text()).contains("text-json", ":fault=status=403]]");
    // A recorded scenario asks for nothing.
    assertThat(run.byId("text-stream").orElseThrow().freshMarker().fault()).isNull();
  }

  @Test
  void eachVariantExpectsWhatTheReplayUpstreamSends() {
    ScenarioCatalog run = ScenarioCatalog.forRun(BUNDLED);
    Scenario forbidden = run.byId("error-403").orElseThrow();
    assertThat(forbidden.recordedStatus()).isEqualTo(403);
    assertThat(new String(forbidden.recording().response().body(), StandardCharsets.UTF_8)).contains("\"permission_error\"");

    Scenario limited = run.byId("error-429-retry-after").orElseThrow();
    assertThat(limited.recordedStatus()).isEqualTo(429);
    assertThat(limited.recording().response().headers()).containsEntry("retry-after", List.of("1"))
        .containsEntry("x-should-retry", List.of("true"));

    Scenario cut = run.byId("stream-close").orElseThrow();
    assertThat(cut.streaming()).isTrue();
    assertThat(cut.recording().response().events()).hasSize(3);
    assertThat(cut.fault().kind()).isEqualTo("close");

    Scenario error = run.byId("stream-error-event").orElseThrow();
    assertThat(error.recording().response().events()).hasSize(4);
    assertThat(error.streamErrorType()).contains("api_error");
    assertThat(run.byId("text-stream").orElseThrow().streamErrorType()).isEmpty();
    assertThat(run.byId("error-mid-stream").orElseThrow().streamErrorType()).contains("overloaded_error");
  }

  @Test
  void inLiveModeTheInjectedScenariosAreNotApplicableAndSaySo() {
    Map<String, String> p = Map.of(TargetConfig.BASE_URL, "http://127.0.0.1:9", TargetConfig.API_KEY, "k");
    RunContext live = new RunContext(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()), ScenarioCatalog.forRun(BUNDLED));
    Scenario forbidden = live.scenarios().byId("error-403").orElseThrow();
    Scenario midStream = live.scenarios().byId("stream-error-event").orElseThrow();

    assertThat(Evaluators.of(ErrCheck.ERR_040).notApplicable(forbidden, live)).contains(Evaluators.INJECTED_LIVE);
    assertThat(Evaluators.of(ErrCheck.ERR_110).notApplicable(midStream, live)).contains(Evaluators.INJECTED_LIVE);
    assertThat(Evaluators.INJECTED_LIVE).contains("not applicable in live mode");
    // HDR-050 was hermetic-only already, and says so.
    assertThat(Evaluators.of(HdrCheck.HDR_050).notApplicable(live.scenarios().byId("error-429-retry-after").orElseThrow(), live))
        .hasValueSatisfying(r -> assertThat(r).startsWith("hermetic only"));
    // A live upstream errs mid-stream only from its own state (overload): the recorded one cannot be provoked live either.
    assertThat(Evaluators.of(ErrCheck.ERR_110).notApplicable(live.scenarios().byId("error-mid-stream").orElseThrow(), live))
        .hasValueSatisfying(r -> assertThat(r).startsWith("cannot be provoked live"));
  }
}
