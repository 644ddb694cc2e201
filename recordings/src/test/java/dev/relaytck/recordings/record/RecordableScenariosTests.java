package dev.relaytck.recordings.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordableScenariosTests {
  private final RecordableScenarios bundled = new RecordableScenarios(Recordings.bundled());

  @Test
  void everyScenarioWhoseAnswerFollowsFromItsRequestIsRecordableByDefault() {
    List<String> skipped = new ArrayList<>();
    List<String> ids = bundled.select(null, skipped).stream().map(Recording::scenario).toList();

    assertThat(ids).contains("text-stream", "text-json", "tool-use-stream", "count-tokens", "error-400", "error-404")
        .doesNotContain("error-401", "error-429", "error-529", "error-500", "error-413", "error-mid-stream");
    assertThat(skipped).anyMatch(s -> s.startsWith("error-mid-stream: not recordable"))
        .anyMatch(s -> s.startsWith("error-429: not recordable, its status 429 depends on the account"));
  }

  @Test
  void globsAndIdsSelectInCatalogOrder() {
    List<String> skipped = new ArrayList<>();
    List<String> ids = bundled.select("text-stream, tool-use-*", skipped).stream().map(Recording::scenario).toList();

    assertThat(ids).containsExactly("text-stream", "tool-use-json", "tool-use-parallel", "tool-use-stream");
    assertThat(skipped).isEmpty();
  }

  @Test
  void unknownIdsEmptyGlobsAndUnrecordableIdsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> bundled.select("text-strem", new ArrayList<>()))
        .hasMessageStartingWith("unknown scenario 'text-strem'; known: ").hasMessageContaining("text-stream");
    assertThatThrownBy(() -> bundled.select("nothing-*", new ArrayList<>())).hasMessageContaining("matches no scenario");
    assertThatThrownBy(() -> bundled.select("error-529", new ArrayList<>()))
        .hasMessage("scenario error-529 cannot be recorded: it is derived, not a capture of a request the API answers on demand");
    assertThatThrownBy(() -> bundled.select("error-401", new ArrayList<>()))
        .hasMessageContaining("its status 401 depends on the account");
    assertThatThrownBy(() -> bundled.select(" , ", new ArrayList<>())).hasMessage("--scenarios names no scenario");
  }

  @Test
  void aRecordingWithAnInjectedFaultIsNotRecordable() {
    Recording plain = Recordings.bundled().stream().filter(r -> r.scenario().equals("text-stream")).findFirst().orElseThrow();
    Recording faulty = new Recording(plain.scenario(), plain.title(), plain.features(), plain.model(), plain.provenance(),
        plain.request(), plain.response(), new dev.relaytck.recordings.format.Fault("error-event", 0, "overloaded_error", 3, 0));

    assertThat(RecordableScenarios.whyNot(plain)).isEmpty();
    assertThat(RecordableScenarios.whyNot(faulty)).contains("its answer is an injected fault (error-event)");
  }
}
