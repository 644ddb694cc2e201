package dev.relaytck.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.EvtCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Severity;
import dev.relaytck.catalog.SseCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.schema.SchemaIssue;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.schema.WireType;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.sse.SseListener;
import dev.relaytck.sse.SseParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grammar of Anthropic's stream events as a state machine, fed by {@link SseParser}:
 * message_start first; content blocks start, deltas, stop with indices contiguous from 0, one
 * open at a time; message_delta after the last block; message_stop last; ping anywhere before
 * the end; an error event ends the stream. It accumulates the final message on the way
 * ({@link MessageAccumulator}) and validates each event's data and the accumulated message
 * against the bundled JSON Schemas.
 *
 * <p>Use: {@code new SseParser(validator)}, feed the parser, {@link SseParser#end}, then
 * {@link #finish()}. Unknown event types, delta types and block types are reported as INFO
 * (EVT-120) and otherwise tolerated: the API adds them often.
 */
public final class StreamValidator implements SseListener {
  /** Which block types each known delta type may be applied to. */
  private static final Map<String, Set<String>> DELTA_TARGETS = Map.of(
      "text_delta", Set.of("text"),
      "citations_delta", Set.of("text"),
      "input_json_delta", Set.of("tool_use", "server_tool_use", "mcp_tool_use"),
      "thinking_delta", Set.of("thinking"),
      "signature_delta", Set.of("thinking"));

  /** Block types of Messages API responses the kit knows; others are extensions. */
  private static final Set<String> KNOWN_BLOCKS = Set.of(
      "text", "tool_use", "server_tool_use", "mcp_tool_use", "thinking", "redacted_thinking",
      "web_search_tool_result", "web_fetch_tool_result", "code_execution_tool_result",
      "bash_code_execution_tool_result", "text_editor_code_execution_tool_result",
      "mcp_tool_result", "tool_search_tool_result", "container_upload");

  private static final Set<String> KNOWN_EVENTS = Set.of(
      "message_start", "content_block_start", "content_block_delta", "content_block_stop",
      "message_delta", "message_stop", "ping", "error");

  private final WireSchemas schemas;
  private final boolean checkEventLines;
  private static final int MAX_PER_CHECK = 100;

  private final List<Violation> violations = new ArrayList<>();
  private final Map<Check, Integer> perCheck = new java.util.LinkedHashMap<>();
  private final Set<String> reportedExtensions = new HashSet<>();
  private final MessageAccumulator accumulator = new MessageAccumulator();

  private int events;
  private long lastUtf8ViolationOffset = -1;
  private boolean started;
  private int nextIndex;
  /** Index of the open content block, or -1. */
  private int openIndex = -1;
  private String openType;
  private boolean messageDeltaSeen;
  /** message_start carried a stop_reason: the message was complete from the start. */
  private boolean completeAtStart;
  private boolean stopped;
  private boolean errored;
  private ObjectNode error;
  private String lastType;
  private int lastEventIndex = -1;
  private long lastEventOffset;
  private long startOutputTokens = -1;
  private boolean finished;
  private EventSink sink;

  /**
   * Receives every event whose data parsed as a JSON object, with that object, in stream order:
   * for comparing a stream event by event with a golden one, or timing it, without parsing twice.
   */
  @FunctionalInterface
  public interface EventSink {
    void accept(SseEvent event, ObjectNode data);
  }

  public StreamValidator() {
    this(WireSchemas.bundled());
  }

  /**
   * Framing, grammar and accumulation without JSON Schema validation: for callers that
   * validate the schemas themselves, and to measure what schema validation costs.
   */
  public static StreamValidator withoutSchemas() {
    return new StreamValidator(true);
  }

  private StreamValidator(boolean checkEventLines) {
    this.schemas = null;
    this.checkEventLines = checkEventLines;
  }

  /** Sends each parsed event to {@code sink} as well; see {@link EventSink}. Returns this validator. */
  public StreamValidator withEventSink(EventSink sink) {
    this.sink = sink;
    return this;
  }

  public StreamValidator(WireSchemas schemas) {
    this(schemas, true);
  }

  /**
   * @param schemas the schemas to validate event data and the accumulated message against
   * @param checkEventLines false for captures that kept only each event's data and dropped the
   *     {@code event:} lines (re-serialized fixtures): SSE-020 is then not checked, everything
   *     else (JSON, grammar, accumulation, schemas) still is
   */
  public StreamValidator(WireSchemas schemas, boolean checkEventLines) {
    this.schemas = java.util.Objects.requireNonNull(schemas, "schemas");
    this.checkEventLines = checkEventLines;
  }

  @Override
  public void onViolation(Violation violation) {
    if (violation.check() == SseCheck.SSE_050 && violation.location().byteOffset() != null) {
      lastUtf8ViolationOffset = violation.location().byteOffset();
    }
    record(violation);
  }

  @Override
  public void onEvent(SseEvent sse) {
    events++;
    Location at = Location.event(sse.index(), sse.byteOffset());
    String data = sse.data();
    if (data == null) {
      fail(SseCheck.SSE_030, at, "event \"" + sse.event() + "\" has no data: line", "one data: line holding a JSON object", "no data field");
      return;
    }
    if (data.length() < 32 && data.strip().equals("[DONE]")) {
      fail(SseCheck.SSE_040, at, "foreign end-of-stream sentinel \"data: [DONE]\" (OpenAI style); Anthropic streams end with message_stop",
          "no [DONE] sentinel", "data: [DONE]");
      return;
    }
    JsonNode node;
    try {
      node = Json.strictReader().readTree(data);
    } catch (JsonProcessingException e) {
      fail(SseCheck.SSE_030, at, "data is not one JSON value: " + Json.problem(e), "exactly one JSON object", Json.preview(data));
      return;
    }
    if (node == null || !node.isObject()) {
      fail(SseCheck.SSE_030, at, "data is not a JSON object", "exactly one JSON object",
          node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      return;
    }
    ObjectNode obj = (ObjectNode) node;
    if (sink != null) {
      sink.accept(sse, obj);
    }
    JsonNode typeNode = obj.get("type");
    String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
    if (!checkEventLines) {
      // re-serialized capture: no event: lines to compare
    } else if (sse.event() == null) {
      fail(SseCheck.SSE_020, at, "event has no event: line (data.type is " + quote(type) + ")",
          "event: " + (type == null ? "<data.type>" : type), "no event: line");
    } else if (!sse.event().equals(type)) {
      fail(SseCheck.SSE_020, at, "event: line says " + quote(sse.event()) + " but data.type is " + quote(type),
          sse.event(), type);
    }
    if (containsReplacementCharacter(data) && !(lastUtf8ViolationOffset >= sse.byteOffset()
        && lastUtf8ViolationOffset < sse.byteOffset() + sse.byteLength())) {
      fail(SseCheck.SSE_055, at, "data contains the replacement character U+FFFD, the mark of a multibyte character decoded from a partial chunk",
          "no U+FFFD", "U+FFFD");
    }
    if (type == null) {
      fail(EvtCheck.EVT_090, at, "data has no string \"type\" field", "a \"type\" naming the event", Json.preview(data));
      return;
    }
    if (stopped || errored) {
      fail(stopped ? EvtCheck.EVT_050 : EvtCheck.EVT_060, at,
          "event " + quote(type) + " arrives after " + (stopped ? "message_stop" : "the error event") + " (event #" + lastEventIndex + "), which must end the stream",
          "end of stream", type);
      // Nothing more to learn from it: the grammar already ended.
      return;
    }
    lastType = type;
    lastEventIndex = sse.index();
    lastEventOffset = sse.byteOffset();
    if (!KNOWN_EVENTS.contains(type)) {
      extension(at, "unknown event type " + quote(type));
      return;
    }
    validateSchema(WireType.STREAM_EVENT, obj, at, EvtCheck.EVT_090);
    switch (type) {
      case "ping" -> { }
      case "error" -> onError(obj, at);
      case "message_start" -> onMessageStart(obj, at);
      case "content_block_start" -> onBlockStart(obj, at);
      case "content_block_delta" -> onBlockDelta(obj, at);
      case "content_block_stop" -> onBlockStop(obj, at);
      case "message_delta" -> onMessageDelta(obj, at);
      case "message_stop" -> onMessageStop(at);
      default -> throw new AssertionError(type);
    }
  }

  private void onError(ObjectNode obj, Location at) {
    errored = true;
    JsonNode err = obj.get("error");
    if (err == null || !err.isObject() || !err.path("type").isTextual() || !err.path("message").isTextual()) {
      fail(EvtCheck.EVT_060, at, "error event without an error object holding string type and message",
          "{\"type\":\"error\",\"error\":{\"type\":...,\"message\":...}}", Json.preview(obj.toString()));
    } else {
      error = (ObjectNode) err;
    }
  }

  private void onMessageStart(ObjectNode obj, Location at) {
    if (started) {
      fail(EvtCheck.EVT_010, at, "a second message_start", "one message_start", "message_start again");
      return;
    }
    started = true;
    JsonNode message = obj.get("message");
    if (message == null || !message.isObject()) {
      fail(EvtCheck.EVT_090, at, "message_start has no \"message\" object", "message object", Json.preview(obj.toString()));
      accumulator.start(Json.mapper().createObjectNode());
      return;
    }
    startOutputTokens = message.path("usage").path("output_tokens").asLong(-1);
    completeAtStart = message.hasNonNull("stop_reason");
    accumulator.start((ObjectNode) message);
  }

  private boolean requireStarted(String type, Location at) {
    if (!started) {
      fail(EvtCheck.EVT_010, at, type + " before message_start", "message_start first", type);
      return false;
    }
    return true;
  }

  private void onBlockStart(ObjectNode obj, Location at) {
    if (!requireStarted("content_block_start", at)) {
      return;
    }
    Integer index = index(obj, at);
    JsonNode block = obj.get("content_block");
    if (index == null) {
      return;
    }
    if (block == null || !block.isObject() || !block.path("type").isTextual()) {
      fail(EvtCheck.EVT_090, at, "content_block_start without a content_block object with a type", "content_block {type,...}",
          Json.preview(obj.toString()));
      return;
    }
    if (messageDeltaSeen) {
      fail(EvtCheck.EVT_040, at, "content_block_start (index " + index + ") after message_delta", "message_delta after the last block", "a block after it");
    }
    if (openIndex >= 0) {
      fail(EvtCheck.EVT_020, at, "content_block_start for index " + index + " while block " + openIndex + " is still open",
          "content_block_stop for index " + openIndex, "content_block_start index " + index);
    }
    if (index != nextIndex) {
      fail(EvtCheck.EVT_020, at, "content_block_start has index " + index + " but the next block index is " + nextIndex,
          nextIndex, index);
    }
    String blockType = block.get("type").asText();
    if (!KNOWN_BLOCKS.contains(blockType)) {
      extension(at, "unknown content block type " + quote(blockType));
    }
    openIndex = index;
    openType = blockType;
    nextIndex = Math.max(nextIndex, index + 1);
    accumulator.startBlock((ObjectNode) block);
  }

  private void onBlockDelta(ObjectNode obj, Location at) {
    if (!requireStarted("content_block_delta", at)) {
      return;
    }
    Integer index = index(obj, at);
    if (index == null) {
      return;
    }
    JsonNode delta = obj.get("delta");
    if (delta == null || !delta.isObject() || !delta.path("type").isTextual()) {
      fail(EvtCheck.EVT_090, at, "content_block_delta without a delta object with a type", "delta {type,...}", Json.preview(obj.toString()));
      return;
    }
    if (openIndex != index) {
      fail(EvtCheck.EVT_020, at, "content_block_delta for index " + index
              + (openIndex < 0 ? " while no block is open" : " while block " + openIndex + " is open"),
          openIndex < 0 ? "content_block_start for index " + index + " first" : "index " + openIndex, "index " + index);
      return;
    }
    String deltaType = delta.get("type").asText();
    Set<String> targets = DELTA_TARGETS.get(deltaType);
    if (targets == null) {
      extension(at, "unknown delta type " + quote(deltaType));
    } else if (KNOWN_BLOCKS.contains(openType) && !targets.contains(openType)) {
      fail(EvtCheck.EVT_030, at, deltaType + " applied to block " + index + " of type " + openType,
          "a block of type " + String.join(" or ", new java.util.TreeSet<>(targets)), openType);
      return;
    }
    accumulator.applyDelta((ObjectNode) delta);
  }

  private void onBlockStop(ObjectNode obj, Location at) {
    if (!requireStarted("content_block_stop", at)) {
      return;
    }
    Integer index = index(obj, at);
    if (index == null) {
      return;
    }
    if (openIndex != index) {
      fail(EvtCheck.EVT_020, at, "content_block_stop for index " + index
              + (openIndex < 0 ? " while no block is open" : " while block " + openIndex + " is open"),
          openIndex < 0 ? "no content_block_stop" : "index " + openIndex, "index " + index);
      return;
    }
    MessageAccumulator.BlockEnd end = accumulator.stopBlock();
    if (end.inputProblem() != null) {
      fail(EvtCheck.EVT_070, at, "the input_json_delta fragments of block " + index + " (" + openType
              + ") do not concatenate to one JSON object: " + end.inputProblem(),
          "a JSON object", Json.preview(end.inputJson()));
    }
    if ("thinking".equals(openType) && !end.signed()) {
      fail(EvtCheck.EVT_080, at, "thinking block " + index + " stopped without a signature",
          "a signature_delta before content_block_stop", "no signature");
    }
    openIndex = -1;
    openType = null;
  }

  private void onMessageDelta(ObjectNode obj, Location at) {
    if (!requireStarted("message_delta", at)) {
      return;
    }
    if (openIndex >= 0) {
      fail(EvtCheck.EVT_040, at, "message_delta while block " + openIndex + " is still open",
          "content_block_stop for index " + openIndex + " first", "message_delta");
    }
    JsonNode delta = obj.get("delta");
    if (delta == null || !delta.isObject() || !delta.hasNonNull("stop_reason")) {
      fail(EvtCheck.EVT_040, at, "message_delta without delta.stop_reason", "delta.stop_reason", Json.preview(obj.toString()));
    }
    JsonNode usage = obj.get("usage");
    if (usage == null || !usage.isObject()) {
      fail(EvtCheck.EVT_040, at, "message_delta without a usage object", "usage {output_tokens,...}", Json.preview(obj.toString()));
    } else {
      long out = usage.path("output_tokens").asLong(-1);
      if (startOutputTokens >= 0 && out >= 0 && out < startOutputTokens) {
        fail(EvtCheck.EVT_110, at, "usage.output_tokens falls from " + startOutputTokens + " in message_start to " + out
            + " in message_delta; usage is cumulative", ">= " + startOutputTokens, out);
      }
    }
    messageDeltaSeen = true;
    accumulator.applyMessageDelta(obj);
  }

  private void onMessageStop(Location at) {
    if (!requireStarted("message_stop", at)) {
      stopped = true;
      return;
    }
    if (openIndex >= 0) {
      fail(EvtCheck.EVT_020, at, "message_stop while block " + openIndex + " is still open",
          "content_block_stop for index " + openIndex, "message_stop");
    }
    // The API resuming a paused programmatic tool call sends a message_start that is already
    // complete (content and stop_reason) and then message_stop alone: no delta is owed then.
    if (!messageDeltaSeen && !completeAtStart) {
      fail(EvtCheck.EVT_040, at, "message_stop without a preceding message_delta (stop_reason and usage are lost)",
          "message_delta before message_stop", "message_stop");
    }
    stopped = true;
  }

  /**
   * Ends the stream: checks that it ended where it should, validates the accumulated message,
   * and returns what was found. Call after {@link SseParser#end}.
   */
  public ValidationReport finish(long bytes) {
    if (!finished) {
      finished = true;
      if (events == 0) {
        fail(SseCheck.SSE_070, Location.byteOffset(bytes), "the stream holds no events at all", "message_start ... message_stop", "no event");
      } else if (lastEventIndex < 0) {
        fail(SseCheck.SSE_070, Location.byteOffset(bytes), "the stream holds no Anthropic event: none of its "
            + events + " event(s) carried a JSON object with a type", "message_start ... message_stop", "no Anthropic event");
      } else if (!stopped && !errored) {
        Location at = lastEventIndex >= 0 ? Location.event(lastEventIndex, lastEventOffset) : Location.byteOffset(bytes);
        fail(SseCheck.SSE_070, at, "the stream ends after " + quote(lastType) + " (event #" + lastEventIndex
            + ") without message_stop" + (openIndex >= 0 ? "; block " + openIndex + " is still open" : ""),
            "message_stop", "end of stream after " + lastType);
      }
      if (stopped && started) {
        ObjectNode message = accumulator.message();
        List<MessageShape.Problem> problems = MessageShape.check(message);
        for (MessageShape.Problem p : problems) {
          fail(EvtCheck.EVT_100, Location.pointer(p.pointer()), "the accumulated message has no valid " + p.pointer(), p.expected(), p.actual());
        }
        if (problems.isEmpty()) {
          validateSchema(WireType.MESSAGE, message, Location.NONE, EvtCheck.EVT_100);
        }
      }
    }
    List<Violation> all = new ArrayList<>(violations);
    perCheck.forEach((check, n) -> {
      if (n > MAX_PER_CHECK) {
        all.add(Violation.of(check, Location.NONE, (n - MAX_PER_CHECK) + " more " + check.id() + " violation(s) not listed ("
            + n + " in all)"));
      }
    });
    return new ValidationReport(ValidationReport.BodyKind.SSE, all, events, bytes,
        started ? accumulator.message() : null, error);
  }

  private Integer index(ObjectNode obj, Location at) {
    JsonNode index = obj.get("index");
    if (index == null || !index.canConvertToInt() || !index.isIntegralNumber() || index.intValue() < 0) {
      fail(EvtCheck.EVT_090, at, obj.path("type").asText() + " without a non-negative integer index",
          "index: 0, 1, ...", index == null ? "no index" : index.toString());
      return null;
    }
    return index.intValue();
  }

  private void validateSchema(WireType type, ObjectNode node, Location at, Check check) {
    if (schemas == null) {
      return;
    }
    for (SchemaIssue issue : schemas.validate(type, node)) {
      Location where = at.withPointer(issue.pointer());
      if (issue.kind() == SchemaIssue.Kind.EXTENSION) {
        extension(where, issue.message());
      } else {
        fail(check, where, issue.message(), null, null);
      }
    }
  }

  /** Reports an extension once per stream: a new delta type repeated 300 times is one finding. */
  private void extension(Location at, String what) {
    if (reportedExtensions.add(what)) {
      record(Violation.of(EvtCheck.EVT_120, at, what + " (tolerated; reported once per stream)"));
    }
  }

  private void fail(Check check, Location at, String message, Object expected, Object actual) {
    assert check.severity() != Severity.INFO;
    record(Violation.of(check, at, message, expected, actual));
  }

  /**
   * Keeps the first {@value #MAX_PER_CHECK} violations of each check: a garbage or binary body
   * behind an SSE header would otherwise produce one per byte and exhaust memory. The rest are
   * counted and reported as one summary violation by {@link #finish}.
   */
  private void record(Violation violation) {
    int seen = perCheck.merge(violation.check(), 1, Integer::sum);
    if (seen <= MAX_PER_CHECK) {
      violations.add(violation);
    }
  }

  /**
   * A decoded U+FFFD only: an escaped {@code \\ufffd} in JSON is text the model wrote (or the
   * upstream escaped), not the mark of bytes decoded from a partial chunk.
   */
  private static boolean containsReplacementCharacter(String data) {
    return data.indexOf('\uFFFD') >= 0;
  }

  private static String quote(String s) {
    return s == null ? "none" : "\"" + s + "\"";
  }
}
