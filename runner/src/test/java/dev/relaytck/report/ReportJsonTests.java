package dev.relaytck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTests {
  @TempDir Path dir;

  private JsonNode written(Report report) throws Exception {
    return ReportJson.mapper().readTree(ReportJson.toJson(report));
  }

  @Test
  void faithfulReportHasEveryContractFieldAndMatchesItsSchema() throws Exception {
    JsonNode json = written(ReportBuilder.ofCatalog().build(SampleRuns.faithful()));
    assertThat(ReportSchema.validate(json)).isEmpty();
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.get("tool").asText()).isEqualTo("relay-tck");
    for (String field : new String[] {"version", "mode", "target", "startedAt", "durationMs", "checks", "metrics", "certified", "summary"}) {
      assertThat(json.has(field)).as(field).isTrue();
    }
    assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-23T22:00:00Z");
    assertThat(json.get("certified").toString()).isEqualTo("[\"core\"]");
    JsonNode check = json.get("checks").get(0);
    for (String field : new String[] {"id", "title", "severity", "profile", "status", "scenarios", "docUrl", "requirement", "hint"}) {
      assertThat(check.has(field)).as(field).isTrue();
    }
    assertThat(json.at("/summary/failed").asInt()).isZero();
    assertThat(json.at("/summary/passed").asInt()).isEqualTo(json.get("checks").size());
    assertThat(json.at("/metrics/streams/0/scenario").asText()).isEqualTo("stream-basic");
    assertThat(json.at("/metrics/streams/0/firstEventMs").asDouble()).isEqualTo(120.0);
    assertThat(json.at("/metrics/streams/0/totalMs").asDouble()).isEqualTo(900.0);
    assertThat(json.at("/metrics/areas/SSE/passed").asInt()).isPositive();
    assertThat(json.at("/metrics/run/requests").asInt()).isEqualTo(2);
    assertThat(json.at("/exitCode").asInt()).isZero();
  }

  @Test
  void failingReportCarriesEvidenceLocationAndScenariosAndMatchesItsSchema() throws Exception {
    JsonNode json = written(ReportBuilder.ofCatalog().build(SampleRuns.failing()));
    assertThat(ReportSchema.validate(json)).isEmpty();
    JsonNode sse020 = find(json, "SSE-020");
    assertThat(sse020.get("status").asText()).isEqualTo("failed");
    assertThat(sse020.get("severity").asText()).isEqualTo("MUST");
    assertThat(sse020.at("/evidence/expected").asText()).isEqualTo("event: content_block_delta");
    assertThat(sse020.at("/evidence/location/eventIndex").asInt()).isEqualTo(3);
    assertThat(sse020.at("/evidence/location/byteOffset").asInt()).isEqualTo(412);
    assertThat(sse020.get("message").asText()).startsWith("stream-tool-use: event #3 has no event: line");
    assertThat(sse020.at("/scenarios/1/status").asText()).isEqualTo("failed");
    assertThat(sse020.at("/scenarios/1/exchange").asText()).isEqualTo("exchanges/stream-tool-use-1.json");
    assertThat(sse020.at("/scenarios/0/exchange").isMissingNode()).as("passing scenarios link no exchange").isTrue();
    assertThat(sse020.get("docUrl").asText()).isEqualTo("https://platform.claude.com/docs/en/build-with-claude/streaming#event-types");
    assertThat(find(json, "SSE-055").at("/skip/basis").asText()).isEqualTo("none");
    assertThat(json.get("certified").size()).isZero();
    assertThat(json.get("verdict").asText()).isEqualTo("failed");
    assertThat(json.at("/summary/failed").asInt()).isEqualTo(3);
    assertThat(json.at("/summary/inconclusive").asInt()).isEqualTo(1);
    assertThat(json.at("/summary/skipped").asInt()).isEqualTo(1);
  }

  @Test
  void theSchemaIsAValidDraft202012Document() throws Exception {
    assertThat(ReportSchema.validateSchemaDocument()).isEmpty();
    JsonNode broken = ReportJson.mapper().readTree("{\"type\": 5, \"required\": \"id\"}");
    assertThat(ReportSchema.validateSchemaDocument(broken)).isNotEmpty();
  }

  @Test
  void theSchemaRejectsAReportThatBreaksTheContract() throws Exception {
    ObjectNode json = (ObjectNode) written(ReportBuilder.ofCatalog().build(SampleRuns.faithful()));
    ((ObjectNode) json.get("checks").get(0)).put("status", "green");
    json.remove("summary");
    assertThat(ReportSchema.validate(json)).anySatisfy(e -> assertThat(e).contains("status"))
        .anySatisfy(e -> assertThat(e).contains("summary"));
  }

  @Test
  void readsBackWhatItWrote() throws Exception {
    Report report = ReportBuilder.ofCatalog().build(SampleRuns.failing());
    Path file = dir.resolve("report.json");
    Files.writeString(file, ReportJson.toJson(report));
    Report read = ReportJson.read(file);
    assertThat(read.checks()).hasSameSizeAs(report.checks());
    assertThat(read.summary()).isEqualTo(report.summary());
    assertThat(read.metrics().streams()).isEqualTo(report.metrics().streams());
    assertThat(read.checks().get(1).scenarios()).isEqualTo(report.checks().get(1).scenarios());
  }

  @Test
  void readsReportsOfOtherVersionsIgnoringUnknownFields() throws Exception {
    Path file = dir.resolve("future.json");
    Files.writeString(file, """
        {"schemaVersion": 2, "tool": "relay-tck", "version": "9.9", "mode": "live", "target": "https://relay.example",
         "startedAt": "2030-01-01T00:00:00Z", "durationMs": 5, "hologram": {"x": 1},
         "checks": [{"id": "SSE-010", "title": "t", "severity": "MUST", "profile": "core", "status": "passed",
                     "newField": [1, 2], "scenarios": [{"id": "s", "status": "passed", "weather": "sunny"}]}],
         "certified": ["core"], "summary": {"passed": 1, "failed": 0, "skipped": 0, "inconclusive": 0, "errors": 0, "flaky": 0}}
        """);
    Report read = ReportJson.read(file);
    assertThat(read.schemaVersion()).isEqualTo(2);
    assertThat(read.checks()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo("SSE-010");
      assertThat(c.scenarios()).singleElement().extracting(Report.ScenarioEntry::status).isEqualTo("passed");
    });
    assertThat(read.metrics().streams()).isEmpty();
    assertThat(read.certified()).containsExactly("core");
  }

  @Test
  void refusesFilesThatAreNotRelayTckReportsWithAClearReason() throws Exception {
    Path notJson = Files.writeString(dir.resolve("a.json"), "<html>oops</html>");
    Path array = Files.writeString(dir.resolve("b.json"), "[1,2]");
    Path other = Files.writeString(dir.resolve("c.json"), "{\"tool\":\"h2spec\",\"schemaVersion\":1,\"checks\":[]}");
    Path noChecks = Files.writeString(dir.resolve("d.json"), "{\"tool\":\"relay-tck\",\"schemaVersion\":1}");
    assertThatThrownBy(() -> ReportJson.read(notJson)).isInstanceOf(UnreadableReportException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> ReportJson.read(array)).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> ReportJson.read(other)).hasMessageContaining("not a relay-tck report");
    assertThatThrownBy(() -> ReportJson.read(noChecks)).hasMessageContaining("no \"checks\" array");
    assertThatThrownBy(() -> ReportJson.read(dir.resolve("missing.json"))).hasMessageContaining("no such file");
  }

  static JsonNode find(JsonNode report, String id) {
    for (JsonNode c : report.get("checks")) {
      if (c.get("id").asText().equals(id)) return c;
    }
    throw new AssertionError("no check " + id);
  }
}
