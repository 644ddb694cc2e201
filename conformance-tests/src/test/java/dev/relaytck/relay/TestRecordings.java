package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.Fault;
import dev.relaytck.recordings.format.Provenance;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.scenario.RecordingSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recordings built in test code, shaped like the official API's answers (server padding,
 * multibyte text, ping, rate-limit headers), until the committed recordings land. Also the
 * {@link RecordingSource} the suite binding tests name with {@code relaytck.recordingSource}.
 */
public final class TestRecordings implements RecordingSource {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String MODEL = "claude-test-model-1";
  static final String TEXT = "Grüße, 日本語 and 🎉 — done.";

  @Override
  public List<Recording> recordings() {
    return all();
  }

  public static List<Recording> all() {
    return List.of(text(), textStream(), stopSequence(), toolForced(), error(429, "rate_limit_error", true),
        error(529, "overloaded_error", true), error(400, "invalid_request_error", false),
        error(403, "permission_error", false), streamErrorEvent(), streamCut(), countTokens());
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Provenance derived() {
    return new Provenance("derived", null, null, null, null, "built in test code", "default", null);
  }

  static Map<String, List<String>> jsonHeaders(String requestId) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("content-type", List.of("application/json"));
    h.put("request-id", List.of(requestId));
    h.put("anthropic-ratelimit-requests-limit", List.of("4000"));
    h.put("anthropic-ratelimit-requests-remaining", List.of("3999"));
    h.put("x-should-retry", List.of("false"));
    return h;
  }

  static RecordedRequest request(String body, boolean stream) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("anthropic-version", List.of("2023-06-01"));
    h.put("anthropic-beta", List.of("fine-grained-tool-streaming-2025-05-14,interleaved-thinking-2025-05-14"));
    return new RecordedRequest("POST", "/v1/messages", null, h, json(body));
  }

  static Recording text() {
    String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":256,\"temperature\":0.5,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"You are terse.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"metadata\":{\"user_id\":\"u-123\"},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello: Grüße, 日本語, 🎉, e\\u0301\"}]}";
    String response = "{\"id\":\"msg_01TextAbc\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":12,\"output_tokens\":9,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}";
    RecordedRequest request = request(body, false);
    // This client accepts gzip: a relay may compress this answer (and only this one).
    Map<String, List<String>> h = new LinkedHashMap<>(request.headers());
    h.put("accept-encoding", List.of("gzip"));
    // And uses the SDK's beta client: the query must survive.
    request = new RecordedRequest(request.method(), request.path(), "beta=true", h, request.body());
    return new Recording("text", "plain text, non-streaming", List.of("text"), MODEL, derived(), request,
        new RecordedResponse(200, jsonHeaders("req_01Text"), response.getBytes(StandardCharsets.UTF_8), null), null);
  }

  static Recording stopSequence() {
    String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":256,\"stop_sequences\":[\"STOP\"],"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Count then say STOP\"}]}]}";
    String response = "{\"id\":\"msg_01Stop\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"1 2 3 \"}],\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"STOP\","
        + "\"usage\":{\"input_tokens\":15,\"output_tokens\":6}}";
    return new Recording("stop-sequence", "stops on a stop sequence", List.of("stop_sequence"), MODEL, derived(),
        request(body, false), new RecordedResponse(200, jsonHeaders("req_01Stop"), response.getBytes(StandardCharsets.UTF_8), null), null);
  }

  static Recording toolForced() {
    String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":256,\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"},"
        + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"weather\",\"input_schema\":{\"type\":\"object\","
        + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}";
    String response = "{\"id\":\"msg_01Tool\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\","
        + "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01Abc\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}],"
        + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"output_tokens\":20}}";
    return new Recording("tool-forced", "a forced tool call", List.of("tool_use"), MODEL, derived(), request(body, false),
        new RecordedResponse(200, jsonHeaders("req_01Tool"), response.getBytes(StandardCharsets.UTF_8), null), null);
  }

  static Recording error(int status, String type, boolean retryAfter) {
    String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    String response = "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Upstream says " + type
        + "\"},\"request_id\":\"req_01Err" + status + "\"}";
    Map<String, List<String>> h = jsonHeaders("req_01Err" + status);
    if (retryAfter) h.put("retry-after", List.of("7"));
    h.put("x-should-retry", List.of(status >= 429 ? "true" : "false"));
    return new Recording("error-" + status, "upstream answers " + status, List.of("error"), MODEL, derived(), request(body, false),
        new RecordedResponse(status, h, response.getBytes(StandardCharsets.UTF_8), null), new Fault("status", status, type, 0, 0));
  }

  static List<RecordedEvent> streamEvents() {
    List<String> data = new ArrayList<>();
    data.add("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01Stream\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
        + MODEL + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}");
    data.add("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    data.add("{\"type\":\"ping\"}");
    data.add("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Grüße, \"}}");
    data.add("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"日本語 and 🎉\"}}");
    data.add("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" — done.\"}}");
    data.add("{\"type\":\"content_block_stop\",\"index\":0}");
    data.add("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}");
    data.add("{\"type\":\"message_stop\"}");
    List<RecordedEvent> events = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      String type = json(data.get(i)).path("type").asText();
      // The API pads data lines with trailing spaces at random; keep some so re-framing is exercised.
      String bytes = "event: " + type + "\ndata: " + data.get(i) + (i % 3 == 0 ? "   " : "") + "\n\n";
      events.add(new RecordedEvent(i * 200L, bytes.getBytes(StandardCharsets.UTF_8)));
    }
    return events;
  }

  static Map<String, List<String>> streamHeaders(String requestId) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("content-type", List.of("text/event-stream; charset=utf-8"));
    h.put("cache-control", List.of("no-cache"));
    h.put("request-id", List.of(requestId));
    return h;
  }

  static String streamBody() {
    return "{\"model\":\"" + MODEL + "\",\"max_tokens\":2048,\"stream\":true,"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
  }

  /**
   * The recordings of the timing and fault probes: a plain answer (the primary scenario) and a
   * stream whose events are 2.5 s apart (20 s recorded), so a paced replay spreads them out.
   */
  public static List<Recording> timing() {
    return List.of(text(), slowStream());
  }

  static Recording slowStream() {
    List<RecordedEvent> events = new ArrayList<>();
    for (RecordedEvent e : streamEvents()) events.add(new RecordedEvent(e.offsetMs() / 200 * 2500, e.bytes()));
    return new Recording("slow-stream", "plain text, streamed slowly", List.of("text", "stream"), MODEL, derived(),
        request(streamBody(), true), new RecordedResponse(200, streamHeaders("req_01Slow"), null, events), null);
  }

  static Recording textStream() {
    return new Recording("text-stream", "plain text, streamed", List.of("text", "stream"), MODEL, derived(), request(streamBody(), true),
        new RecordedResponse(200, streamHeaders("req_01Stream"), null, streamEvents()), null);
  }

  static Recording streamErrorEvent() {
    return new Recording("stream-error-event", "overloaded mid-stream", List.of("stream", "error"), MODEL, derived(),
        request(streamBody(), true), new RecordedResponse(200, streamHeaders("req_01StreamErr"), null, streamEvents()),
        new Fault("error-event", 0, "overloaded_error", 4, 0));
  }

  static Recording streamCut() {
    return new Recording("stream-cut", "upstream closes mid-stream", List.of("stream", "fault"), MODEL, derived(),
        request(streamBody(), true), new RecordedResponse(200, streamHeaders("req_01StreamCut"), null, streamEvents()),
        new Fault("close", 0, null, 4, 0));
  }

  static Recording countTokens() {
    String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
    return new Recording("count-tokens", "count_tokens", List.of("count_tokens"), MODEL, derived(),
        new RecordedRequest("POST", "/v1/messages/count_tokens", null, Map.of("anthropic-version", List.of("2023-06-01")), json(body)),
        new RecordedResponse(200, jsonHeaders("req_01Count"), "{\"input_tokens\":12}".getBytes(StandardCharsets.UTF_8), null), null);
  }
}
