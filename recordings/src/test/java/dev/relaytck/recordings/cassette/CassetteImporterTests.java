package dev.relaytck.recordings.cassette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.Recordings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteImporterTests {
  private final CorpusReader corpus = CorpusReader.open(MiniCorpus.dir());

  private static ImportSelection.Entry captured(String scenario, String file, int exchange) {
    return new ImportSelection.Entry(scenario, "title of " + scenario, List.of("text"), file, exchange, null);
  }

  @Test
  void importsCapturedAndDerivedRecordingsWithAttribution(@TempDir Path out) throws IOException {
    ImportSelection selection = new ImportSelection(1, 30, List.of(
        captured("text-stream", "owner__vcrpy/cassettes/stream_and_json.yaml", 0),
        captured("text-json", "owner__pyd/cassettes/parsed.yaml", 0),
        captured("error-401", "owner__ruby/spec/errors.yml", 0),
        new ImportSelection.Entry("error-529", "529", List.of("error"), null, null, new ImportSelection.Derived(
            "text-json", 529, Map.of("x-should-retry", "true"), "{\"type\":\"error\"}", null, "issue #1")),
        new ImportSelection.Entry("error-mid-stream", "mid", List.of("error"), null, null, new ImportSelection.Derived(
            "text-stream", 200, null, "event: error\ndata: {}\n\n", 2, "issue #2"))));

    new CassetteImporter(corpus, selection).writeTo(out);
    List<Recording> read = Recordings.load(out);

    assertThat(read).extracting(Recording::scenario)
        .containsExactly("error-401", "error-529", "error-mid-stream", "text-json", "text-stream");
    Recording stream = read.get(4);
    assertThat(stream.response().events()).hasSize(7).extracting(e -> e.offsetMs()).containsExactly(0L, 30L, 60L, 90L, 120L, 150L, 180L);
    assertThat(stream.provenance().timing()).contains("default pacing: 30 ms");
    assertThat(stream.provenance().repository()).isEqualTo("owner/vcrpy");
    assertThat(stream.provenance().path()).isEqualTo("cassettes/stream_and_json.yaml");
    assertThat(stream.provenance().derivedFrom()).contains("exchange #0").contains("owner__vcrpy/cassettes/stream_and_json.yaml");
    assertThat(stream.provenance().capturedAt()).isEqualTo("2026-03-03T10:00:00Z");
    assertThat(stream.model()).isEqualTo("claude-test-model");
    assertThat(stream.request().headers()).containsOnlyKeys("anthropic-version"); // key, org id, content-length gone
    assertThat(stream.response().headers()).containsOnlyKeys("content-type", "date", "request-id"); // gzip decoded, cookie gone
    assertThat(Files.readString(out.resolve("__files/text-stream.sse"))).contains("Grüß dich");

    Recording json = read.get(3);
    assertThat(json.request().query()).isEqualTo("beta=true");
    assertThat(json.provenance().derivedFrom()).contains("re-serialized");

    Recording midStream = read.get(2);
    assertThat(midStream.provenance().kind()).isEqualTo("derived");
    assertThat(midStream.response().events()).hasSize(3);
    assertThat(midStream.response().events().get(2).offsetMs()).isEqualTo(60L);
    assertThat(new String(midStream.response().events().get(2).bytes(), StandardCharsets.UTF_8)).startsWith("event: error");
    assertThat(midStream.request()).isEqualTo(stream.request());

    Recording overloaded = read.get(1);
    assertThat(overloaded.response().status()).isEqualTo(529);
    assertThat(overloaded.response().headers()).containsEntry("x-should-retry", List.of("true"));
    assertThat(overloaded.provenance().derivedFrom()).contains("issue #1");

    assertThat(Files.readString(out.resolve("index.txt"))).isEqualTo("error-401\nerror-529\nerror-mid-stream\ntext-json\ntext-stream\n");
    String notice = Files.readString(out.resolve("NOTICE.md"));
    assertThat(notice).contains("## owner/vcrpy").contains("1111111111111111111111111111111111111111")
        .contains("licence: Apache-2.0").contains("error-529: status, headers and body as observed in issue #1");
    assertThat(out.resolve("licenses/owner__ruby/LICENSE")).hasContent("Apache-2.0 licence text of owner/ruby (test fixture)");
    try (var files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("sk-ant-api03").doesNotContain("00000000-org");
      }
    }
  }

  @Test
  void reimportReplacesStaleRecordings(@TempDir Path out) throws IOException {
    Files.createDirectories(out.resolve("mappings"));
    Files.writeString(out.resolve("mappings/old-scenario.json"), "{}");
    new CassetteImporter(corpus, new ImportSelection(1, 25, List.of(captured("a", "owner__ruby/spec/errors.yml", 1)))).writeTo(out);
    assertThat(out.resolve("mappings/old-scenario.json")).doesNotExist();
    assertThat(Recordings.load(out)).singleElement().satisfies(r -> assertThat(r.request().path()).isEqualTo("/v1/messages/count_tokens"));
  }

  @Test
  void refusesExchangesThatAreNotGroundTruthOrCannotBeReplayed() {
    assertThatThrownBy(() -> importOne("owner__fixtures/fx/synthetic.json")).hasMessageContaining("flags this file as synthesized");
    assertThatThrownBy(() -> importOne("owner__vcrpy/cassettes/legacy.yaml")).hasMessageContaining("legacy /v1/complete");
    assertThatThrownBy(() -> importOne("owner__fixtures/fx/message.json")).hasMessageContaining("request was not recorded");
  }

  @Test
  void selectionFileErrorsAreClear(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("selection.json");
    Files.writeString(file, "{\"formatVersion\":1,\"eventGapMs\":25,\"scenarios\":[{\"scenario\":\"a\",\"file\":\"x\"}]}");
    assertThatThrownBy(() -> ImportSelection.read(file)).hasMessageContaining("must have either file and exchange, or derived");
    Files.writeString(file, "{\"formatVersion\":1,\"eventGapMs\":25,\"scenarios\":[{\"scenario\":\"a\",\"derived\":{\"from\":\"b\"}}]}");
    assertThatThrownBy(() -> ImportSelection.read(file)).hasMessageContaining("derived from b, which must be listed before it");
    Files.writeString(file, "{\"formatVersion\":2,\"scenarios\":[]}");
    assertThatThrownBy(() -> ImportSelection.read(file)).hasMessageContaining("formatVersion 2 is not supported");
    Files.writeString(file, "nope");
    assertThatThrownBy(() -> ImportSelection.read(file)).isInstanceOf(CorpusException.class).hasMessageContaining("unreadable import selection");
  }

  @Test
  void theBundledSelectionIsValid() {
    assertThat(ImportSelection.bundled().scenarios()).hasSizeGreaterThanOrEqualTo(28);
  }

  private List<Recording> importOne(String file) {
    return new CassetteImporter(corpus, new ImportSelection(1, 25, List.of(captured("a", file, 0)))).recordings();
  }
}
