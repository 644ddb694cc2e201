package dev.relaytck.recordings.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.catalog.Violation;
import dev.relaytck.schema.SchemaIssue;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.schema.WireType;
import dev.relaytck.stream.JsonBodyValidator;
import dev.relaytck.stream.ResponseValidator;
import dev.relaytck.stream.ValidationReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the replay upstream serves is itself conformant: every bundled response passes the
 * kit's validators and every bundled request the request schemas. A relay under test is
 * compared against these; a recording the kit rejects would fail every faithful relay.
 */
class BundledRecordingsValidTests {
  private final WireSchemas schemas = WireSchemas.bundled();

  @Test
  void everyBundledResponseValidatesClean() {
    List<String> failures = new ArrayList<>();
    for (Recording r : Recordings.bundled()) {
      ValidationReport report = r.streaming()
          ? new ResponseValidator(schemas).validateStream(SseBlocks.join(r.response().events()))
          : r.request().path().endsWith("/count_tokens") && r.response().status() == 200
              ? null
              : new JsonBodyValidator(schemas).validate(r.response().body());
      if (report == null) {
        continue; // count_tokens result: checked against its schema below
      }
      for (Violation v : report.failures()) {
        failures.add(r.scenario() + ": " + v);
      }
      if (r.scenario().equals("error-mid-stream")) {
        assertThat(report.error()).as("the error event ends the stream").isNotNull();
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyBundledRequestAndCountTokensResultMatchesItsSchema() {
    List<String> failures = new ArrayList<>();
    for (Recording r : Recordings.bundled()) {
      boolean countTokens = r.request().path().endsWith("/count_tokens");
      WireType type = countTokens ? WireType.COUNT_TOKENS_REQUEST : WireType.MESSAGES_REQUEST;
      for (SchemaIssue issue : schemas.validate(type, r.request().body())) {
        if (issue.kind() == SchemaIssue.Kind.VIOLATION) {
          failures.add(r.scenario() + " request at '" + issue.pointer() + "': " + issue.message());
        }
      }
      if (countTokens && r.response().status() == 200) {
        try {
          JsonNode result = new ObjectMapper().readTree(r.response().body());
          assertThat(result.path("input_tokens").isInt()).as(r.scenario()).isTrue();
          schemas.validate(WireType.COUNT_TOKENS_RESPONSE, result).stream()
              .filter(i -> i.kind() == SchemaIssue.Kind.VIOLATION)
              .forEach(i -> failures.add(r.scenario() + " result at '" + i.pointer() + "': " + i.message()));
        } catch (IOException e) {
          failures.add(r.scenario() + ": count_tokens result is not JSON");
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
