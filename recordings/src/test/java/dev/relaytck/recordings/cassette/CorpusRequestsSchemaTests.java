package dev.relaytck.recordings.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.schema.SchemaIssue;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.schema.WireType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ground truth for the request schemas: every request the official API answered with 200 was
 * a valid request, so the kit's request schema must accept it (Messages and count_tokens
 * requests; extensions the kit does not know are allowed). A rejection is a schema bug.
 */
class CorpusRequestsSchemaTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireSchemas schemas = WireSchemas.bundled();

  @Test
  void everyRequestTheApiAcceptedMatchesTheRequestSchema() {
    int checked = 0;
    List<String> rejections = new ArrayList<>();
    for (CorpusExchange x : CorpusExchanges.all()) {
      if (CorpusExchanges.skipReason(x) != null || x.status() != 200 || x.requestBody() == null || x.requestBody().length == 0) {
        continue;
      }
      JsonNode request;
      try {
        request = JSON.readTree(x.requestBody());
      } catch (IOException e) {
        rejections.add(x.id() + ": request body is not JSON: " + e.getMessage());
        continue;
      }
      WireType type = x.countTokens() ? WireType.COUNT_TOKENS_REQUEST : WireType.MESSAGES_REQUEST;
      checked++;
      for (SchemaIssue issue : schemas.validate(type, request)) {
        if (issue.kind() == SchemaIssue.Kind.VIOLATION) {
          rejections.add(x.id() + " " + type + " at '" + issue.pointer() + "': " + issue.message());
        }
      }
    }
    System.out.println("Corpus ground truth: " + checked + " accepted requests checked against the request schemas");
    assertThat(checked).as("requests checked").isGreaterThan(500);
    assertThat(rejections).as("requests the API accepted but the kit's request schema rejects").isEmpty();
  }
}
