package dev.relaytck.timing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.sse.SseEvent;
import dev.relaytck.target.Exchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The timing of one streamed exchange, by the kit's one definition and one clock: every figure
 * is {@link System#nanoTime()} at the client, measured from when the request was handed to the
 * HTTP client ({@link Exchange#sentNanos()}), and an event's time is the arrival of the chunk
 * that completed it (its dispatching blank line).
 *
 * @param headersMs time to the response headers
 * @param firstEventMs time to the first SSE event
 * @param ttftMs time to first token: the first {@code content_block_delta}; NaN when none came
 * @param eventMs every event's arrival, in order
 * @param eventTypes every event's type ({@code event:} field, else its data's {@code type})
 * @param totalMs time to the end of the response body
 * @param outputTokens the last {@code message_delta}'s {@code usage.output_tokens}, or -1
 */
public record StreamTimeline(double headersMs, double firstEventMs, double ttftMs, List<Double> eventMs,
    List<String> eventTypes, double totalMs, long outputTokens) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public StreamTimeline {
    eventMs = List.copyOf(eventMs);
    eventTypes = List.copyOf(eventTypes);
  }

  /** The timeline of {@code e}; empty when no event stream arrived (no headers, or another content type). */
  public static Optional<StreamTimeline> of(Exchange e) {
    if (e.status() < 0 || !e.eventStream()) return Optional.empty();
    List<Double> at = new ArrayList<>();
    List<String> types = new ArrayList<>();
    double ttft = Double.NaN;
    long tokens = -1;
    for (SseEvent ev : e.framing().events()) {
      double ms = (ev.arrivalNanos() - e.sentNanos()) / 1e6;
      String type = ev.event() != null ? ev.event() : dataType(ev.data());
      at.add(ms);
      types.add(type);
      if (Double.isNaN(ttft) && "content_block_delta".equals(type)) ttft = ms;
      if ("message_delta".equals(type)) tokens = outputTokens(ev.data()).orElse(tokens);
    }
    return Optional.of(new StreamTimeline(e.headersMs(), at.isEmpty() ? Double.NaN : at.get(0), ttft, at, types,
        e.totalMs(), tokens));
  }

  /** Every gap between consecutive events, in ms. */
  public List<Double> gapsMs() {
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < eventMs.size(); i++) gaps.add(eventMs.get(i) - eventMs.get(i - 1));
    return gaps;
  }

  /**
   * Output tokens per second of generation: output tokens over the time from the first token to
   * the last event; NaN when either is unknown or the span is zero.
   */
  public double tokensPerSecond() {
    if (outputTokens <= 0 || Double.isNaN(ttftMs) || eventMs.isEmpty()) return Double.NaN;
    double span = eventMs.get(eventMs.size() - 1) - ttftMs;
    return span <= 0 ? Double.NaN : outputTokens / (span / 1000.0);
  }

  /** Whether the stream ended with {@code message_stop}. */
  public boolean complete() {
    return !eventTypes.isEmpty() && "message_stop".equals(eventTypes.get(eventTypes.size() - 1));
  }

  private static String dataType(String data) {
    if (data == null) return null;
    try {
      JsonNode n = JSON.readTree(data);
      return n == null ? null : n.path("type").asText(null);
    } catch (IOException ex) {
      return null;
    }
  }

  private static Optional<Long> outputTokens(String data) {
    try {
      JsonNode n = data == null ? null : JSON.readTree(data);
      JsonNode t = n == null ? null : n.path("usage").path("output_tokens");
      return t != null && t.isNumber() ? Optional.of(t.asLong()) : Optional.empty();
    } catch (IOException ex) {
      return Optional.empty();
    }
  }
}
