package dev.relaytck.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What schema validation adds per SSE event and per Message, next to parsing the same bytes with
 * Jackson. Command and figures: docs/schemas.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireSchemasBenchmark {
  private WireSchemas schemas;
  private String textDeltaJson;
  private JsonNode textDelta;
  private JsonNode ping;
  private JsonNode toolUseStart;
  private JsonNode messageDelta;
  private JsonNode message;
  private String messageJson;

  @Setup
  public void setUp() throws IOException {
    schemas = WireSchemas.bundled();
    textDeltaJson = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello, world\"}}";
    textDelta = WireSamples.parse(textDeltaJson);
    ping = WireSamples.parse("{\"type\":\"ping\"}");
    toolUseStart = WireSamples.parse("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{}}}");
    messageDelta = WireSamples.parse("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
        + "\"usage\":{\"input_tokens\":12,\"output_tokens\":42,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}");
    // A real Message with text, tool_use and usage, as large as typical non-streaming answers.
    List<WireSamples.Sample> samples = WireSamples.valid(WireType.MESSAGE);
    message = samples.get(0).document();
    messageJson = message.toString();
  }

  @Benchmark
  public JsonNode jacksonParseTextDelta() throws IOException {
    return WireSamples.JSON.readTree(textDeltaJson);
  }

  @Benchmark
  public List<SchemaIssue> validateTextDelta() {
    return schemas.validate(WireType.STREAM_EVENT, textDelta);
  }

  @Benchmark
  public List<SchemaIssue> validatePing() {
    return schemas.validate(WireType.STREAM_EVENT, ping);
  }

  @Benchmark
  public List<SchemaIssue> validateToolUseStart() {
    return schemas.validate(WireType.STREAM_EVENT, toolUseStart);
  }

  @Benchmark
  public List<SchemaIssue> validateMessageDelta() {
    return schemas.validate(WireType.STREAM_EVENT, messageDelta);
  }

  @Benchmark
  public JsonNode jacksonParseMessage() throws IOException {
    return WireSamples.JSON.readTree(messageJson);
  }

  @Benchmark
  public List<SchemaIssue> validateMessage() {
    return schemas.validate(WireType.MESSAGE, message);
  }
}
