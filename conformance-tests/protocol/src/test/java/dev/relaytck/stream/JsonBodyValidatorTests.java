package dev.relaytck.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relaytck.catalog.ErrCheck;
import dev.relaytck.catalog.MsgCheck;
import dev.relaytck.catalog.Violation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Non-streaming bodies: real Message and error bodies pass; reshaped ones fail with MSG-010 / ERR-010. */
class JsonBodyValidatorTests {
  private static ValidationReport validate(String body) {
    return new JsonBodyValidator().validate(body.getBytes(UTF_8));
  }

  private static String message() {
    return new String(Recorded.bytes("message.json"), UTF_8);
  }

  @Test
  void realMessageIsClean() {
    ValidationReport report = new JsonBodyValidator().validate(Recorded.bytes("message.json"));
    assertThat(report.violations()).isEmpty();
    assertThat(report.kind()).isEqualTo(ValidationReport.BodyKind.JSON);
    assertThat(report.message().path("stop_reason").asText()).isEqualTo("max_tokens");
  }

  @Test
  void realErrorIsClean() {
    ValidationReport report = new JsonBodyValidator().validate(Recorded.bytes("error-401.json"));
    assertThat(report.violations()).isEmpty();
    assertThat(report.error().path("type").asText()).isEqualTo("authentication_error");
    assertThat(report.message()).isNull();
  }

  @Test
  @DisplayName("the real 413 without top-level type and request_id is an error body")
  void errorWithoutTopLevelType() {
    assertThat(validate("{\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum size\"}}")
        .violations()).isEmpty();
  }

  @Test
  @DisplayName("pretty-printed and re-ordered JSON with unknown fields is fine")
  void reformatted() {
    String body = "{\n  \"usage\": {\"output_tokens\": 15, \"input_tokens\": 22, \"brand_new\": 1},\n"
        + "  \"content\": [], \"stop_reason\": \"end_turn\", \"model\": \"m\", \"role\": \"assistant\",\n"
        + "  \"type\": \"message\", \"id\": \"msg_1\", \"container\": null\n}\n";
    assertThat(validate(body).failures()).isEmpty();
  }

  @Test
  @DisplayName("[MSG-010] a required field missing is named by its JSON pointer")
  void missingUsage() {
    ValidationReport report = validate(message().replaceFirst(",\"usage\":\\{[^}]*}", ""));
    Violation v = report.failures().get(0);
    assertThat(v.check()).isEqualTo(MsgCheck.MSG_010);
    assertThat(v.location().jsonPointer()).isEqualTo("/usage");
    assertThat(v.actual()).isEqualTo("no usage field");
  }

  @Test
  @DisplayName("[MSG-010] a mistyped usage count")
  void mistypedCount() {
    Violation v = validate(message().replace("\"output_tokens\":15", "\"output_tokens\":\"15\"")).failures().get(0);
    assertThat(v.check()).isEqualTo(MsgCheck.MSG_010);
    assertThat(v.location().jsonPointer()).isEqualTo("/usage/output_tokens");
  }

  @Test
  @DisplayName("[MSG-010] an OpenAI chat completion instead of a Message")
  void openAiShape() {
    Violation v = validate("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}").failures().get(0);
    assertThat(v.check()).isEqualTo(MsgCheck.MSG_010);
    assertThat(v.message()).contains("OpenAI chat completion");
  }

  @Test
  @DisplayName("[MSG-010] truncated JSON names the byte offset")
  void truncatedJson() {
    String body = message().substring(0, 100);
    Violation v = validate(body).failures().get(0);
    assertThat(v.check()).isEqualTo(MsgCheck.MSG_010);
    assertThat(v.message()).contains("not one JSON value");
    assertThat(v.location().byteOffset()).isEqualTo(100);
  }

  @Test
  @DisplayName("[ERR-010] an error without message")
  void errorWithoutMessage() {
    Violation v = validate("{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}}").failures().get(0);
    assertThat(v.check()).isEqualTo(ErrCheck.ERR_010);
    assertThat(v.location().jsonPointer()).isEqualTo("/error/message");
  }

  @Test
  @DisplayName("[ERR-010] an OpenAI-style error string")
  void errorAsString() {
    Violation v = validate("{\"error\":\"upstream failed\"}").failures().get(0);
    assertThat(v.check()).isEqualTo(ErrCheck.ERR_010);
    assertThat(v.actual()).isEqualTo("\"upstream failed\"");
  }
}
