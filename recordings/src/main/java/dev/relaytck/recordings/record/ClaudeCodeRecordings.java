package dev.relaytck.recordings.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.Provenance;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.RecordingFormatException;
import dev.relaytck.recordings.format.SseBlocks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scenarios of the Claude Code profile, derived from the sanitised captures of the pinned
 * Claude Code version ({@code relay-tck/claude-code/<version>/}): the requests keep every header
 * and body field the CLI sent (neutral text of the same size in place of Claude Code's prose), and
 * the replies are the scripted SSE bodies the CLI accepted. Derived, not recorded from the official
 * API: each recording's provenance says from which capture file and what was changed.
 *
 * <p>What the kit changes: the user agent names the kit (it never impersonates the CLI), the
 * credential, host and transport headers are left to the client, and {@code accept-encoding} is
 * left out so the answer comes back in a coding every client reads.
 */
public final class ClaudeCodeRecordings {
  /** The Claude Code version the captures come from (tools/claude-code/package.json). */
  public static final String VERSION = "2.1.330";
  public static final String FEATURE = "claude-code";
  /**
   * The feature of the request a print-mode session ({@code claude -p}) sends first: the Claude Code
   * profile's once-per-run probes (side endpoints, pause, stall, the real CLI) ride on the scenario
   * that carries it, so which scenario that is stays data of the recordings, not of the rules.
   */
  public static final String SESSION_START = "session-start";
  /** Says what the kit is and whose request shape it sends. */
  public static final String USER_AGENT = "relay-tck (claude-cli-shape/" + VERSION + ")";
  /** The wording Claude Code's recovery matches on to compact and retry. */
  public static final String PROMPT_TOO_LONG = "prompt is too long: 213456 tokens > 200000 maximum";
  /** A Haiku-class model name for the background-call scenario; a recording's, overridable like any other. */
  public static final String BACKGROUND_MODEL = "claude-haiku-4-5";

  private static final String ROOT = "relay-tck/claude-code/" + VERSION + "/";
  private static final Set<String> NOT_REPLAYED = Set.of("authorization", "x-api-key", "host", "content-length",
      "accept-encoding", "connection", "user-agent");
  private static final long EVENT_GAP_MS = 25;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClaudeCodeRecordings() {}

  /** Every Claude Code scenario, built from the bundled captures. */
  public static List<Recording> all() {
    List<Recording> out = new ArrayList<>();
    out.add(turn("cc-print-read", "Claude Code main loop, first turn (print mode)", "print", "01-post-main-read", SESSION_START));
    out.add(turn("cc-print-edit", "Claude Code main loop, after a Read tool_result (print mode)", "print", "02-post-main-edit"));
    out.add(turn("cc-print-final", "Claude Code main loop, after an Edit tool_result (print mode)", "print", "03-post-main-final"));
    out.add(turn("cc-interactive-read", "Claude Code main loop, first turn (terminal interface: safeguards, 11 betas)",
        "interactive", "01-post-main-read"));
    out.add(enabledThinking());
    out.add(countTokens());
    out.add(background());
    out.add(promptTooLong());
    return out;
  }

  private static Recording turn(String scenario, String title, String mode, String name, String... more) {
    RecordedRequest request = request(mode, name);
    byte[] sse = resource(mode + "/responses/" + name + ".sse");
    List<String> features = new ArrayList<>(List.of(FEATURE, "stream", "tool_use"));
    features.addAll(List.of(more));
    return new Recording(scenario, title, features, request.body().path("model").asText(),
        provenance(mode + "/requests/" + name + ".json and " + mode + "/responses/" + name + ".sse", "user agent names the kit"),
        request, stream(sse), null);
  }

  /** The first turn as the CLI sends it for 4.5-era models: thinking enabled with a budget, no effort. */
  private static Recording enabledThinking() {
    RecordedRequest base = request("print", "01-post-main-read");
    ObjectNode body = base.body().deepCopy();
    body.putObject("thinking").put("type", "enabled").put("budget_tokens", 31999).put("display", "omitted");
    body.remove("output_config");
    body.put("max_tokens", 32000);
    Map<String, List<String>> headers = new TreeMap<>(base.headers());
    headers.put("anthropic-beta", List.of("claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,"
        + "thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20"));
    RecordedRequest request = new RecordedRequest(base.method(), base.path(), base.query(), headers, body);
    return new Recording("cc-thinking-enabled", "Claude Code main loop with thinking enabled and a budget (4.5-era model shape)",
        List.of(FEATURE, "stream", "thinking"), body.path("model").asText(),
        provenance("print/requests/01-post-main-read.json and print/responses/01-post-main-read.sse",
            "thinking enabled with budget_tokens 31999, output_config and the effort/per-turn betas removed, max_tokens 32000,"
                + " as docs/claude-code.md records for 4.5-era ids"),
        request, stream(resource("print/responses/01-post-main-read.sse")), null);
  }

  private static Recording countTokens() {
    RecordedRequest request = request("interactive", "04-post-count-tokens");
    byte[] body = "{\"input_tokens\":2048}".getBytes(StandardCharsets.UTF_8);
    return new Recording("cc-count-tokens", "Claude Code /context token count (count_tokens?beta=true)", List.of(FEATURE, "count_tokens"),
        request.body().path("model").asText(),
        provenance("interactive/requests/04-post-count-tokens.json", "answered as the capture server answered the CLI"),
        request, new RecordedResponse(200, jsonHeaders(), body, null), null);
  }

  /** A Haiku-class, non-streaming background call in the shape of the quota probe. */
  private static Recording background() {
    RecordedRequest main = request("print", "01-post-main-read");
    ObjectNode body = JSON.createObjectNode().put("model", BACKGROUND_MODEL).put("max_tokens", 1);
    body.putArray("messages").addObject().put("role", "user").put("content", "quota");
    body.set("metadata", main.body().path("metadata").deepCopy());
    Map<String, List<String>> headers = new TreeMap<>(main.headers());
    headers.put("anthropic-beta", List.of("claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27"));
    RecordedRequest request = new RecordedRequest("POST", "/v1/messages", "beta=true", headers, body);
    // max_tokens 1: the answer is one token, cut at the limit, as the API answers the probe (MSG-100 holds it to that).
    ObjectNode reply;
    try {
      reply = (ObjectNode) JSON.readTree(new ScriptedStream(JSON).textMessage("msg_01RelayTckBackground0001", BACKGROUND_MODEL, "ok"));
    } catch (IOException e) {
      throw new IllegalStateException("the scripted message is not JSON", e);
    }
    reply.put("stop_reason", "max_tokens");
    ((ObjectNode) reply.path("usage")).put("output_tokens", 1);
    return new Recording("cc-background", "Claude Code background call: small, non-streaming, Haiku-class model",
        List.of(FEATURE, "background"), BACKGROUND_MODEL,
        provenance("print/requests/01-post-main-read.json (headers, metadata)",
            "body in the shape of the documented quota probe (CLAUDE_CODE_PROFILE.md, section 1), not seen from 2.1.330"),
        request, new RecordedResponse(200, jsonHeaders(), reply.toString().getBytes(StandardCharsets.UTF_8), null), null);
  }

  /** The error Claude Code's recovery reads: compact and retry on "prompt is too long". */
  private static Recording promptTooLong() {
    RecordedRequest request = request("print", "01-post-main-read");
    String error = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"" + PROMPT_TOO_LONG
        + "\"},\"request_id\":\"req_01RelayTckPromptTooLong01\"}";
    return new Recording("cc-prompt-too-long", "Claude Code main loop answered 400 prompt is too long",
        List.of(FEATURE, "error"), request.body().path("model").asText(),
        provenance("print/requests/01-post-main-read.json",
            "answered with the API's 400 invalid_request_error wording for an over-long prompt (llm-gateway-protocol, automatic retry)"),
        request, new RecordedResponse(400, jsonHeaders(), error.getBytes(StandardCharsets.UTF_8), null), null);
  }

  private static RecordedRequest request(String mode, String name) {
    JsonNode captured;
    try {
      captured = JSON.readTree(resource(mode + "/requests/" + name + ".json"));
    } catch (IOException e) {
      throw new RecordingFormatException("unreadable capture " + ROOT + mode + "/requests/" + name + ".json: " + e.getMessage());
    }
    Map<String, List<String>> headers = new TreeMap<>();
    captured.path("headers").fields().forEachRemaining(h -> {
      String n = h.getKey().toLowerCase(Locale.ROOT);
      if (NOT_REPLAYED.contains(n)) return;
      List<String> values = new ArrayList<>();
      h.getValue().forEach(v -> values.add(v.asText()));
      headers.put(n, List.copyOf(values));
    });
    headers.put("user-agent", List.of(USER_AGENT));
    return new RecordedRequest(captured.path("method").asText("POST"), captured.path("path").asText(),
        captured.path("query").asText(null), headers, captured.get("body"));
  }

  private static RecordedResponse stream(byte[] sse) {
    List<RecordedEvent> events = new ArrayList<>();
    long offset = 0;
    for (byte[] block : SseBlocks.split(sse)) {
      events.add(new RecordedEvent(offset, block));
      offset += EVENT_GAP_MS;
    }
    Map<String, List<String>> headers = new TreeMap<>();
    headers.put("content-type", List.of("text/event-stream; charset=utf-8"));
    headers.put("cache-control", List.of("no-cache"));
    headers.put("request-id", List.of("req_01RelayTckClaudeCode0001"));
    return new RecordedResponse(200, headers, null, events);
  }

  private static Map<String, List<String>> jsonHeaders() {
    Map<String, List<String>> headers = new TreeMap<>();
    headers.put("content-type", List.of("application/json"));
    headers.put("request-id", List.of("req_01RelayTckClaudeCode0002"));
    return headers;
  }

  private static Provenance provenance(String files, String changes) {
    return new Provenance("derived", null, null, null, null,
        "Claude Code " + VERSION + " capture " + ROOT + files + " (sanitised: neutral text of the same size); " + changes,
        "default " + EVENT_GAP_MS + " ms per event", null);
  }

  private static byte[] resource(String name) {
    try (InputStream in = ClaudeCodeRecordings.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) throw new RecordingFormatException("no " + ROOT + name + " on the classpath: the recordings jar is incomplete");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new RecordingFormatException("cannot read " + ROOT + name + ": " + e.getMessage());
    }
  }
}
