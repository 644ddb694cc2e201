package dev.relaytck.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.EvtCheck;
import dev.relaytck.catalog.Severity;
import dev.relaytck.catalog.SseCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream validator on real recorded streams: faithful and protocol-allowed variants pass;
 * each defect a relay can introduce fails with its own check ID, naming the event and byte.
 */
class StreamValidatorTests {
  static final String TEXT = "text-stream.sse";
  static final String THINKING = "thinking-stream.sse";
  static final String TOOL = "tool-stream.sse";

  static ValidationReport validate(byte[] body) {
    return new ResponseValidator().validateStream(body);
  }

  static ValidationReport validateChunked(byte[] body, int[] sizes) {
    StreamValidator validator = new StreamValidator();
    SseParser parser = new SseParser(validator);
    int pos = 0;
    int k = 0;
    while (pos < body.length) {
      int n = Math.min(sizes[k++ % sizes.length], body.length - pos);
      parser.feed(body, pos, n, System.nanoTime());
      pos += n;
    }
    parser.end(System.nanoTime());
    return validator.finish(parser.position());
  }

  /** The failures of one check; asserts there is at least one. */
  static List<Violation> failuresOf(ValidationReport report, Check check) {
    List<Violation> found = report.failures().stream().filter(v -> v.check() == check).toList();
    assertThat(found).as("expected %s among %s", check.id(), report.violations()).isNotEmpty();
    return found;
  }

  @ParameterizedTest
  @ValueSource(strings = {TEXT, THINKING, TOOL})
  void recordedStreamIsClean(String name) {
    ValidationReport report = validate(Recorded.bytes(name));
    assertThat(report.violations()).isEmpty();
    assertThat(report.kind()).isEqualTo(ValidationReport.BodyKind.SSE);
    assertThat(report.eventCount()).isEqualTo(Recorded.load(name).blocks.size());
  }

  @Test
  @DisplayName("an event sink sees every parsed event in order, with its data")
  void eventSink() {
    java.util.List<String> seen = new java.util.ArrayList<>();
    StreamValidator validator = new StreamValidator().withEventSink((e, data) -> seen.add(e.index() + ":" + data.path("type").asText()));
    SseParser parser = new SseParser(validator);
    parser.feed(Recorded.bytes(TEXT), 0);
    parser.end(0);
    assertThat(validator.finish(parser.position()).violations()).isEmpty();
    assertThat(seen).hasSize(10).startsWith("0:message_start", "1:content_block_start", "2:ping").endsWith("9:message_stop");
  }

  @Test
  @DisplayName("text deltas accumulate into one text block, usage and stop_reason merged")
  void textAccumulation() {
    JsonNode message = validate(Recorded.bytes(TEXT)).message();
    assertThat(message.path("content")).hasSize(1);
    assertThat(message.at("/content/0/text").asText())
        .startsWith("Here are two great names for your pet pelican:")
        .endsWith("feathered friend! \uD83E\uDD85");
    assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(message.at("/usage/output_tokens").asInt()).isGreaterThan(1);
    assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(678);
    assertThat(message.path("id").asText()).isEqualTo("msg_01XMATm4UFnjP841TckVuNF4");
  }

  @Test
  @DisplayName("input_json_delta fragments accumulate into the tool input object")
  void toolAccumulation() {
    JsonNode message = validate(Recorded.bytes(TOOL)).message();
    JsonNode tool = message.path("content").get(1);
    assertThat(tool.path("type").asText()).isEqualTo("tool_use");
    assertThat(tool.path("input").isObject()).isTrue();
    assertThat(tool.path("input").size()).isPositive();
    assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
  }

  @Test
  @DisplayName("thinking and signature accumulate into the thinking block")
  void thinkingAccumulation() {
    JsonNode message = validate(Recorded.bytes(THINKING)).message();
    JsonNode thinking = message.path("content").get(0);
    assertThat(thinking.path("type").asText()).isEqualTo("thinking");
    assertThat(thinking.path("thinking").asText()).contains("Pelé");
    assertThat(thinking.path("signature").asText()).isNotEmpty();
    assertThat(message.at("/content/1/type").asText()).isEqualTo("text");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\r"})
  void otherLineEndings(String ending) {
    for (String name : List.of(TEXT, THINKING, TOOL)) {
      byte[] body = new String(Recorded.bytes(name), UTF_8).replace("\n", ending).getBytes(UTF_8);
      assertThat(validate(body).violations()).as(name).isEmpty();
    }
  }

  @Test
  void commentLinesAnywhere() {
    Recorded r = Recorded.load(THINKING).editAll(b -> ": keep-alive\n" + b.replaceFirst("\n", "\n: between fields\n"));
    r.insert(0, ": hello");
    assertThat(validate(r.bytes()).violations()).isEmpty();
  }

  @Test
  void paddingRemovedAndAdded() {
    Recorded stripped = Recorded.load(TEXT).editAll(b -> b.replaceAll("\\s+}$", "}"));
    assertThat(stripped.text()).doesNotContain("}    }");
    assertThat(validate(stripped.bytes()).violations()).isEmpty();
    Recorded padded = Recorded.load(TOOL).editAll(b -> b.replaceAll("}$", "          }").replace("data: {", "data: {   "));
    assertThat(validate(padded.bytes()).violations()).isEmpty();
  }

  @Test
  void oneByteChunksAndRandomChunks() {
    for (String name : List.of(TEXT, THINKING, TOOL)) {
      byte[] body = Recorded.bytes(name);
      ValidationReport whole = validate(body);
      assertThat(validateChunked(body, new int[] {1}).violations()).as(name).isEmpty();
      Random random = new Random(42);
      for (int round = 0; round < 20; round++) {
        int[] sizes = random.ints(50, 1, 40).toArray();
        ValidationReport chunked = validateChunked(body, sizes);
        assertThat(chunked.violations()).as(name).isEmpty();
        assertThat(chunked.message()).isEqualTo(whole.message());
      }
    }
  }

  @Test
  @DisplayName("unknown fields, event types, block types and delta types are INFO, never failures")
  void unknownThingsAreInfo() {
    Recorded r = Recorded.load(TEXT)
        .edit(1, b -> b.replace("\"text\":\"\"}", "\"text\":\"\",\"new_field\":{\"x\":1}}"))
        .insert(2, "event: brand_new_event\ndata: {\"type\":\"brand_new_event\",\"what\":1}");
    int stop = r.lastIndexOf("content_block_stop");
    r.insert(stop + 1, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"compaction\",\"content\":null}}")
        .insert(stop + 2, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"compaction_delta\",\"content\":\"sum\"}}")
        .insert(stop + 3, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"compaction_delta\",\"content\":\"mary\"}}")
        .insert(stop + 4, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}");
    ValidationReport report = validate(r.bytes());
    assertThat(report.failures()).isEmpty();
    assertThat(report.violations()).extracting(v -> v.check().severity()).containsOnly(Severity.INFO);
    assertThat(report.violations()).extracting(Violation::message).anyMatch(m -> m.contains("brand_new_event"))
        .anyMatch(m -> m.contains("compaction_delta")).anyMatch(m -> m.contains("\"compaction\""));
    assertThat(report.violations()).filteredOn(v -> v.message().contains("compaction_delta")).hasSize(1);
    assertThat(report.message().at("/content/1/content").asText()).isEqualTo("summary");
    assertThat(report.message().at("/content/0/new_field/x").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("ping before message_start and between any events is tolerated")
  void pingsAnywhere() {
    Recorded r = Recorded.load(TOOL).insert(0, "event: ping\ndata: {\"type\": \"ping\"}");
    int n = r.blocks.size();
    for (int i = n - 1; i > 1; i -= 3) r.insert(i, "event: ping\ndata: {\"type\": \"ping\"}");
    assertThat(validate(r.bytes()).violations()).isEmpty();
  }

  @Test
  @DisplayName("[EVT-060] an error event ends a stream cleanly, and its error is reported")
  void errorEventEndsTheStream() {
    Recorded r = Recorded.load(TEXT);
    int stop = r.indexOf("content_block_stop");
    while (r.blocks.size() > stop) r.remove(stop);
    r.blocks.add("event: error\ndata: {\"type\":\"error\",\"error\":{\"details\":null,\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}        }");
    ValidationReport report = validate(r.bytes());
    assertThat(report.violations()).isEmpty();
    assertThat(report.error().path("type").asText()).isEqualTo("overloaded_error");
  }

  @Test
  @DisplayName("streams without event: lines validate for content and grammar when asked to")
  void reserializedCapture() {
    Recorded r = Recorded.load(TOOL).editAll(b -> b.replaceAll("(?m)^event: .*\n", ""));
    StreamValidator validator = new StreamValidator(dev.relaytck.schema.WireSchemas.bundled(), false);
    SseParser parser = new SseParser(validator);
    parser.feed(r.bytes(), 0);
    parser.end(0);
    assertThat(validator.finish(parser.position()).violations()).isEmpty();
    assertThat(failuresOf(validate(r.bytes()), SseCheck.SSE_020)).isNotEmpty();
  }

  @Test
  @DisplayName("[EVT-010] message_start dropped")
  void messageStartDropped() {
    ValidationReport report = validate(Recorded.load(TEXT).remove(0).bytes());
    Violation v = failuresOf(report, EvtCheck.EVT_010).get(0);
    assertThat(v.message()).contains("content_block_start before message_start");
    assertThat(v.location().eventIndex()).isZero();
    assertThat(v.location().byteOffset()).isZero();
  }

  @Test
  @DisplayName("[EVT-010] message_start duplicated")
  void messageStartDuplicated() {
    Recorded r = Recorded.load(TEXT);
    r.insert(2, r.blocks.get(0));
    Violation v = failuresOf(validate(r.bytes()), EvtCheck.EVT_010).get(0);
    assertThat(v.message()).contains("second message_start");
    assertThat(v.location().eventIndex()).isEqualTo(2);
    assertThat(v.location().byteOffset()).isEqualTo(r.offsetOf(2));
  }

  @Test
  @DisplayName("[EVT-020] content_block_start dropped")
  void blockStartDropped() {
    Recorded r = Recorded.load(TOOL);
    int second = r.indexOf("\"index\":1,\"content_block\"");
    Violation v = failuresOf(validate(r.remove(second).bytes()), EvtCheck.EVT_020).get(0);
    assertThat(v.message()).contains("content_block_delta for index 1 while no block is open");
    assertThat(v.location().eventIndex()).isEqualTo(second);
  }

  @Test
  @DisplayName("[EVT-020] wrong index on a delta")
  void wrongIndex() {
    Recorded r = Recorded.load(TEXT);
    int delta = r.indexOf("text_delta");
    r.edit(delta, b -> b.replace("\"index\":0", "\"index\":1"));
    Violation v = failuresOf(validate(r.bytes()), EvtCheck.EVT_020).get(0);
    assertThat(v.message()).contains("index 1 while block 0 is open");
    assertThat(v.location().eventIndex()).isEqualTo(delta);
    assertThat(v.location().byteOffset()).isEqualTo(r.offsetOf(delta));
  }

  @Test
  @DisplayName("[EVT-020] block indices not contiguous from 0")
  void indexGap() {
    Recorded r = Recorded.load(TOOL).editAll(b -> b.replace("\"index\":1", "\"index\":2"));
    Violation v = failuresOf(validate(r.bytes()), EvtCheck.EVT_020).get(0);
    assertThat(v.message()).contains("index 2 but the next block index is 1");
    assertThat(v.expected()).isEqualTo("1");
    assertThat(v.actual()).isEqualTo("2");
  }

  @Test
  @DisplayName("[EVT-020] content_block_stop reordered before its deltas")
  void stopReordered() {
    Recorded r = Recorded.load(TEXT);
    int stop = r.indexOf("content_block_stop");
    r.swap(stop, stop - 1);
    Violation v = failuresOf(validate(r.bytes()), EvtCheck.EVT_020).get(0);
    assertThat(v.location().eventIndex()).isEqualTo(stop);
    assertThat(v.message()).contains("while no block is open");
  }

  @Test
  @DisplayName("[EVT-020] a content_block_delta duplicated after the stop")
  void deltaDuplicatedLate() {
    Recorded r = Recorded.load(TEXT);
    int stop = r.indexOf("content_block_stop");
    r.insert(stop + 1, r.blocks.get(stop - 1));
    failuresOf(validate(r.bytes()), EvtCheck.EVT_020);
  }

  @Test
  @DisplayName("[EVT-030] delta type does not match the block type")
  void deltaTypeMismatch() {
    Recorded r = Recorded.load(THINKING);
    int delta = r.indexOf("thinking_delta");
    r.edit(delta, b -> b.replace("\"type\":\"thinking_delta\",\"thinking\"", "\"type\":\"text_delta\",\"text\""));
    Violation v = failuresOf(validate(r.bytes()), EvtCheck.EVT_030).get(0);
    assertThat(v.message()).isEqualTo("text_delta applied to block 0 of type thinking");
    assertThat(v.expected()).isEqualTo("a block of type text");
    assertThat(v.location().eventIndex()).isEqualTo(delta);
  }

  @Test
  @DisplayName("[EVT-040] message_delta dropped")
  void messageDeltaDropped() {
    Recorded r = Recorded.load(TEXT);
    int md = r.indexOf("message_delta");
    Violation v = failuresOf(validate(r.remove(md).bytes()), EvtCheck.EVT_040).get(0);
    assertThat(v.message()).contains("message_stop without a preceding message_delta");
  }

  @Test
  @DisplayName("[EVT-040] a message_start that is already complete needs no message_delta (resumed programmatic tool call)")
  void completeMessageStartNeedsNoDelta() {
    String start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"f\",\"input\":{}}],"
        + "\"stop_reason\":%s,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":5}}}\n\n";
    String stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    ValidationReport complete = validate((String.format(start, "\"tool_use\"") + stop).getBytes(UTF_8));
    assertThat(complete.violations()).isEmpty();
    assertThat(complete.message().at("/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(failuresOf(validate((String.format(start, "null") + stop).getBytes(UTF_8)), EvtCheck.EVT_040)).hasSize(1);
  }

  @Test
  @DisplayName("[EVT-040] message_delta without stop_reason")
  void stopReasonLost() {
    Recorded r = Recorded.load(TEXT);
    r.edit(r.indexOf("message_delta"), b -> b.replace("\"stop_reason\":\"end_turn\"", "\"stop_reason\":null"));
    assertThat(failuresOf(validate(r.bytes()), EvtCheck.EVT_040).get(0).message()).contains("without delta.stop_reason");
  }

  @Test
  @DisplayName("[EVT-040] message_delta before the last block stops")
  void messageDeltaEarly() {
    Recorded r = Recorded.load(TEXT);
    int md = r.indexOf("message_delta");
    r.swap(md, md - 1);
    assertThat(failuresOf(validate(r.bytes()), EvtCheck.EVT_040).get(0).message()).contains("while block 0 is still open");
  }

  @Test
  @DisplayName("[EVT-050] an event after message_stop")
  void eventAfterStop() {
    Recorded r = Recorded.load(TEXT);
    r.blocks.add(r.blocks.get(r.indexOf("message_delta")));
    Violation v = failuresOf(validate(r.bytes()), EvtCheck.EVT_050).get(0);
    assertThat(v.message()).contains("\"message_delta\" arrives after message_stop");
    assertThat(v.location().eventIndex()).isEqualTo(r.blocks.size() - 1);
  }

  @Test
  @DisplayName("[EVT-060] an event after an error event")
  void eventAfterError() {
    Recorded r = Recorded.load(TEXT);
    int stop = r.indexOf("content_block_stop");
    r.insert(stop, "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    assertThat(failuresOf(validate(r.bytes()), EvtCheck.EVT_060).get(0).message()).contains("after the error event");
  }

  @Test
  @DisplayName("[EVT-060] an error event without the error shape")
  void malformedError() {
    Recorded r = Recorded.load(TEXT);
    int stop = r.indexOf("content_block_stop");
    while (r.blocks.size() > stop) r.remove(stop);
    r.blocks.add("event: error\ndata: {\"type\":\"error\",\"message\":\"upstream failed\"}");
    assertThat(failuresOf(validate(r.bytes()), EvtCheck.EVT_060).get(0).message()).contains("without an error object");
  }

  @Test
  @DisplayName("[EVT-070] an input_json_delta fragment dropped")
  void toolFragmentDropped() {
    Recorded r = Recorded.load(TOOL);
    int fragment = r.indexOf("input_json_delta") + 2;
    Violation v = failuresOf(validate(r.remove(fragment).bytes()), EvtCheck.EVT_070).get(0);
    assertThat(v.message()).contains("do not concatenate to one JSON object").contains("block 1 (tool_use)");
    assertThat(v.location().eventIndex()).isEqualTo(r.indexOf("\"content_block_stop\",\"index\":1"));
  }

  @Test
  @DisplayName("[EVT-080] signature_delta dropped")
  void signatureDropped() {
    Recorded r = Recorded.load(THINKING);
    Violation v = failuresOf(validate(r.remove(r.indexOf("signature_delta")).bytes()), EvtCheck.EVT_080).get(0);
    assertThat(v.message()).isEqualTo("thinking block 0 stopped without a signature");
  }

  @Test
  @DisplayName("[EVT-090] a block event without its index")
  void indexMissing() {
    Recorded r = Recorded.load(TEXT);
    int delta = r.indexOf("text_delta");
    r.edit(delta, b -> b.replace("\"index\":0,", ""));
    // Both the grammar and the event schema see it; each names the missing index precisely.
    assertThat(failuresOf(validate(r.bytes()), EvtCheck.EVT_090))
        .extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).contains("content_block_delta without a non-negative integer index"))
        .anySatisfy(m -> assertThat(m).contains("required field \"index\" is missing in content_block_delta"));
  }

  @Test
  @DisplayName("[EVT-100] the accumulated message lacks a required field")
  void accumulatedMessageInvalid() {
    Recorded r = Recorded.load(TEXT).edit(0, b -> b.replace("\"role\":\"assistant\",", ""));
    Violation v = failuresOf(validate(r.bytes()), EvtCheck.EVT_100).get(0);
    assertThat(v.location().jsonPointer()).isEqualTo("/role");
    assertThat(v.actual()).isEqualTo("no role field");
  }

  @Test
  @DisplayName("[EVT-110] output_tokens falls in message_delta")
  void usageNotCumulative() {
    Recorded r = Recorded.load(TEXT).edit(0, b -> b.replaceFirst("\"output_tokens\":\\d+", "\"output_tokens\":100000"));
    Violation v = failuresOf(validate(r.bytes()), EvtCheck.EVT_110).get(0);
    assertThat(v.check().severity()).isEqualTo(Severity.SHOULD);
    assertThat(v.message()).contains("falls from 100000");
  }

  @Test
  @DisplayName("[SSE-020] event: line missing")
  void eventLineMissing() {
    Recorded r = Recorded.load(TEXT);
    int delta = r.indexOf("text_delta");
    r.edit(delta, b -> b.replace("event: content_block_delta\n", ""));
    Violation v = failuresOf(validate(r.bytes()), SseCheck.SSE_020).get(0);
    assertThat(v.message()).isEqualTo("event has no event: line (data.type is \"content_block_delta\")");
    assertThat(v.location().eventIndex()).isEqualTo(delta);
    assertThat(v.location().byteOffset()).isEqualTo(r.offsetOf(delta));
    assertThat(validate(r.bytes()).failures()).hasSize(1);
  }

  @Test
  @DisplayName("[SSE-020] event: line differs from data.type")
  void eventLineWrong() {
    Recorded r = Recorded.load(TEXT);
    int delta = r.indexOf("text_delta");
    r.edit(delta, b -> b.replace("event: content_block_delta", "event: message"));
    Violation v = failuresOf(validate(r.bytes()), SseCheck.SSE_020).get(0);
    assertThat(v.expected()).isEqualTo("message");
    assertThat(v.actual()).isEqualTo("content_block_delta");
  }

  @Test
  @DisplayName("[SSE-030] data corrupted into something that is not one JSON value")
  void jsonCorrupted() {
    Recorded r = Recorded.load(TOOL);
    int delta = r.indexOf("input_json_delta");
    r.edit(delta, b -> b.substring(0, b.length() - 3));
    Violation v = failuresOf(validate(r.bytes()), SseCheck.SSE_030).get(0);
    assertThat(v.message()).startsWith("data is not one JSON value");
    assertThat(v.location().eventIndex()).isEqualTo(delta);
    Recorded twoValues = Recorded.load(TEXT).edit(2, b -> b + " {\"type\":\"ping\"}");
    assertThat(failuresOf(validate(twoValues.bytes()), SseCheck.SSE_030).get(0).message()).contains("Trailing token");
  }

  @Test
  @DisplayName("[SSE-040] data: [DONE] appended")
  void doneAppended() {
    Recorded r = Recorded.load(TEXT);
    r.blocks.add("data: [DONE]");
    ValidationReport report = validate(r.bytes());
    Violation v = failuresOf(report, SseCheck.SSE_040).get(0);
    assertThat(v.location().eventIndex()).isEqualTo(r.blocks.size() - 1);
    assertThat(report.failures()).hasSize(1);
  }

  @Test
  @DisplayName("[SSE-050] an invalid UTF-8 byte in a delta")
  void invalidUtf8() throws Exception {
    byte[] body = Recorded.bytes(TEXT);
    String text = new String(body, UTF_8);
    int byteAt = text.substring(0, text.indexOf("Here")).getBytes(UTF_8).length;
    body[byteAt] = (byte) 0xFF;
    ValidationReport report = validate(body);
    Violation v = failuresOf(report, SseCheck.SSE_050).get(0);
    assertThat(v.location().byteOffset()).isEqualTo(byteAt);
    assertThat(report.failures()).extracting(Violation::check).doesNotContain(SseCheck.SSE_055);
  }

  @Test
  @DisplayName("[SSE-055] a multibyte character replaced by U+FFFD")
  void replacementCharacter() {
    Recorded r = Recorded.load(TEXT);
    int delta = r.indexOf("\uD83E\uDD85");
    r.edit(delta, b -> b.replace("\uD83E\uDD85", "\uFFFD\uFFFD"));
    Violation v = failuresOf(validate(r.bytes()), SseCheck.SSE_055).get(0);
    assertThat(v.location().eventIndex()).isEqualTo(delta);
    assertThat(v.check().severity()).isEqualTo(Severity.SHOULD);
  }

  @Test
  @DisplayName("[SSE-055] the 4-byte character split and decoded per chunk, as a broken relay does")
  void perChunkDecoding() {
    byte[] body = Recorded.bytes(TEXT);
    String text = new String(body, UTF_8);
    int split = text.substring(0, text.indexOf("\uD83E\uDD85")).getBytes(UTF_8).length + 2;
    ByteArrayOutputStream relayed = new ByteArrayOutputStream();
    // The relay decodes each network chunk on its own and re-encodes it.
    relayed.writeBytes(new String(body, 0, split, UTF_8).getBytes(UTF_8));
    relayed.writeBytes(new String(body, split, body.length - split, UTF_8).getBytes(UTF_8));
    failuresOf(validate(relayed.toByteArray()), SseCheck.SSE_055);
  }

  @Test
  @DisplayName("[SSE-060][SSE-070] stream truncated in the middle of an event")
  void truncated() {
    byte[] body = Recorded.bytes(TOOL);
    byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);
    ValidationReport report = validate(cut);
    Violation framing = failuresOf(report, SseCheck.SSE_060).get(0);
    assertThat(framing.location().byteOffset()).isLessThan(cut.length);
    Violation ending = failuresOf(report, SseCheck.SSE_070).get(0);
    assertThat(ending.message()).contains("without message_stop");
  }

  @Test
  @DisplayName("[SSE-070] message_stop missing")
  void messageStopMissing() {
    Recorded r = Recorded.load(THINKING);
    r.remove(r.indexOf("message_stop"));
    ValidationReport report = validate(r.bytes());
    Violation v = failuresOf(report, SseCheck.SSE_070).get(0);
    assertThat(v.message()).isEqualTo("the stream ends after \"message_delta\" (event #" + (r.blocks.size() - 1) + ") without message_stop");
    assertThat(report.failures()).hasSize(1);
  }

  @Test
  @DisplayName("[SSE-070] no events at all")
  void noEvents() {
    assertThat(failuresOf(validate(": only a comment\n\n".getBytes(UTF_8)), SseCheck.SSE_070).get(0).message())
        .contains("no events");
  }

  @Test
  @DisplayName("[SSE-030] event: without data")
  void eventWithoutData() {
    Recorded r = Recorded.load(TEXT);
    r.insert(2, "event: ping");
    assertThat(failuresOf(validate(r.bytes()), SseCheck.SSE_030).get(0).message()).contains("has no data: line");
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
