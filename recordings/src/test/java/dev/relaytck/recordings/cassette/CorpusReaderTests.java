package dev.relaytck.recordings.cassette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTests {
  private final CorpusReader reader = CorpusReader.open(MiniCorpus.dir());

  @Test
  void vcrpyGzipBinaryStreamIsDecodedAndOtherHostsAreLeftOut() {
    List<CorpusExchange> all = reader.read("owner__vcrpy/cassettes/stream_and_json.yaml");

    assertThat(all).hasSize(2); // the api.openai.com interaction in between is not an Anthropic exchange
    CorpusExchange stream = all.get(0);
    assertThat(stream.kind()).isEqualTo(BodyKind.SSE_RAW);
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.method()).isEqualTo("POST");
    assertThat(stream.endpoint()).isEqualTo("/v1/messages");
    assertThat(stream.responseText()).startsWith("event: message_start\ndata: {").contains("Grüß dich").endsWith("data: {\"type\":\"message_stop\"}\n\n");
    assertThat(stream.responseHeader("content-type")).isEqualTo("text/event-stream; charset=utf-8");
    assertThat(stream.requestHeaders()).containsKey("x-api-key"); // the reader reports; writers strip
    assertThat(stream.requestText()).contains("\"stream\":true");
    assertThat(stream.repository()).isEqualTo("owner/vcrpy");
    assertThat(stream.license()).isEqualTo("MIT");
    assertThat(stream.commit()).isEqualTo("1111111111111111111111111111111111111111");

    CorpusExchange json = all.get(1);
    assertThat(json.index()).isEqualTo(1);
    assertThat(json.kind()).isEqualTo(BodyKind.JSON);
    assertThat(json.url()).endsWith("?beta=true");
    assertThat(json.endpoint()).isEqualTo("/v1/messages");
    // an unquoted timestamp stays the recorded text, not a parsed date
    assertThat(json.responseHeader("anthropic-ratelimit-requests-reset")).isEqualTo("2026-03-03T10:00:00Z");
  }

  @Test
  void rubyVcrStringAndBinaryBodies() {
    List<CorpusExchange> all = reader.read("owner__ruby/spec/errors.yml");

    assertThat(all).extracting(CorpusExchange::status).containsExactly(401, 200);
    assertThat(all.get(0).method()).isEqualTo("POST");
    assertThat(all.get(0).responseText()).contains("authentication_error");
    assertThat(all.get(0).responseHeader("x-should-retry")).isEqualTo("false");
    assertThat(all.get(1).countTokens()).isTrue();
    assertThat(all.get(1).responseText()).isEqualTo("{\"input_tokens\":7}");
    assertThat(all.get(1).license()).isEqualTo("Apache-2.0");
  }

  @Test
  void parsedBodiesAreReserializedAsJson() {
    CorpusExchange x = reader.exchange("owner__pyd/cassettes/parsed.yaml", 0);

    assertThat(x.kind()).isEqualTo(BodyKind.JSON_RESERIALIZED);
    assertThat(x.responseText()).contains("\"id\":\"msg_01Parsed\"").contains("\"stop_sequence\":null");
    assertThat(x.requestText()).contains("\"temperature\":1.0").contains("\"model\":\"claude-test-model\"");
  }

  @Test
  void testAgentJsonAndYamlWithPythonHeaderNames() {
    CorpusExchange json = reader.exchange("owner__agent/cassettes/agent.json", 0);
    assertThat(json.kind()).isEqualTo(BodyKind.JSON);
    assertThat(json.responseHeader("Request-Id")).isEqualTo("req_01Agent");
    assertThat(json.license()).isEqualTo("Apache-2.0 OR BSD-3-Clause");

    CorpusExchange yaml = reader.exchange("owner__agent/cassettes/agent.yaml", 0);
    assertThat(yaml.status()).isEqualTo(401);
    assertThat(yaml.requestHeaders()).containsKeys("Accept", "x-api-key");
    assertThat(yaml.requestHeaders().get("accept")).containsExactly("application/json");
  }

  @Test
  void responseOnlyFixtures() {
    CorpusExchange chunks = reader.exchange("owner__fixtures/fx/text.chunks.txt", 0);
    assertThat(chunks.kind()).isEqualTo(BodyKind.SSE_RESERIALIZED);
    assertThat(chunks.url()).isNull();
    assertThat(chunks.status()).isEqualTo(CorpusExchange.STATUS_UNKNOWN);
    assertThat(chunks.synthesized()).as("a duplicate is still a real recording").isFalse();

    List<CorpusExchange> steps = reader.read("owner__fixtures/fx/two-steps.chunks.txt");
    assertThat(steps).as("a multi-step fixture holds one response per message_start").hasSize(2);
    assertThat(steps.get(0).responseText()).contains("msg_01Mini").doesNotContain("msg_01Second").endsWith("\"message_stop\"}\n");
    assertThat(steps.get(1).responseText()).startsWith("{\"type\":\"message_start\"").contains("msg_01Second");

    assertThat(reader.exchange("owner__fixtures/fx/stream.sse", 0).kind()).isEqualTo(BodyKind.SSE_RAW);
    assertThat(reader.exchange("owner__fixtures/fx/message.json", 0).kind()).isEqualTo(BodyKind.JSON);
  }

  @Test
  void manifestFlagsAndLegacyEndpoint() {
    assertThat(reader.exchange("owner__fixtures/fx/synthetic.json", 0).synthesized()).isTrue();
    assertThat(reader.manifest().entry("owner__fixtures/fx/synthetic.json").synthesized()).isTrue();
    CorpusExchange legacy = reader.exchange("owner__vcrpy/cassettes/legacy.yaml", 0);
    assertThat(legacy.legacyCompletion()).isTrue();
    assertThat(reader.exchange("owner__ruby/spec/errors.yml", 0).legacyCompletion()).isFalse();
  }

  @Test
  void sourcePathAndCommitOfHistoricalAndTranscribedVersions() {
    ManifestEntry history = new ManifestEntry("o__r/_history/75b5cd5a/spec/x.yml", "o__r", "ruby-vcr", 1, List.of(),
        "75b5cd5aef9ac02c35e9ce37b240e3fda3021484", List.of(), List.of());
    assertThat(CorpusReader.sourcePath(history)).isEqualTo("spec/x.yml");
    assertThat(CorpusReader.commit(history)).isEqualTo("75b5cd5aef9ac02c35e9ce37b240e3fda3021484");

    ManifestEntry transcribed = new ManifestEntry("o__r/from_index/tests/b.yaml", "o__r", "vcrpy", 1, List.of(),
        "index-only (a.yaml @3144d612a287ec3bdb5ef5b7b4a081a12a13fc75, b.yaml @31e912ea93a6e1604b9876d762ac8ef5b69ce3a3) - note",
        List.of(), List.of());
    assertThat(CorpusReader.sourcePath(transcribed)).isEqualTo("tests/b.yaml");
    assertThat(CorpusReader.commit(transcribed)).isEqualTo("31e912ea93a6e1604b9876d762ac8ef5b69ce3a3");
    assertThat(reader.exchange("owner__ruby/spec/errors.yml", 0).sourcePath()).isEqualTo("spec/errors.yml");
  }

  @Test
  void everyListedFileIsReadable() {
    int total = 0;
    for (ManifestEntry entry : reader.manifest().entries()) {
      total += reader.read(entry.path()).size();
    }
    assertThat(total).isEqualTo(14);
  }

  @Test
  void badInputGetsAClearMessage(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("manifest.json"),
        "[{\"path\":\"a__b/broken.yaml\",\"source\":\"a__b\",\"format\":\"vcrpy\",\"n\":1,\"commit\":\"x\",\"flags\":[],\"feats\":[]}]");
    Files.createDirectories(dir.resolve("a__b"));
    Files.writeString(dir.resolve("a__b/broken.yaml"), "interactions: [ {request: ", StandardCharsets.UTF_8);
    CorpusReader broken = CorpusReader.open(dir);

    assertThatThrownBy(() -> broken.read("a__b/broken.yaml"))
        .isInstanceOf(CorpusException.class).hasMessageStartingWith("a__b/broken.yaml: unreadable cassette");
    assertThatThrownBy(() -> broken.read("a__b/missing.yaml"))
        .isInstanceOf(CorpusException.class).hasMessageContaining("lists no file a__b/missing.yaml");
    assertThatThrownBy(() -> broken.exchange("a__b/broken.yaml", 3)).isInstanceOf(CorpusException.class);
    assertThatThrownBy(() -> CorpusReader.open(dir.resolve("nowhere")))
        .isInstanceOf(CorpusException.class).hasMessageContaining("no manifest.json");
  }
}
