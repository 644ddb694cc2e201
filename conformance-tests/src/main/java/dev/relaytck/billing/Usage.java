package dev.relaytck.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.stream.ResponseValidator;
import dev.relaytck.target.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * The Message behind an answer, streamed or not, for reading its usage: a stream is accumulated
 * the way the SDKs do (message_start's usage updated by message_delta's), so the counts are the
 * final ones a client bills by.
 */
public final class Usage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Usage() {}

  /** The Message the relay answered, when the answer is a complete 200 with one. */
  public static Optional<JsonNode> message(Exchange e) {
    if (e.status() != 200) return Optional.empty();
    if (e.eventStream()) return Optional.ofNullable(new ResponseValidator().validateStream(e.body()).message());
    return e.json().filter(j -> "message".equals(j.path("type").asText()));
  }

  /** What the official API answered in {@code r}, as a Message (streams accumulated). */
  public static Optional<JsonNode> recorded(Recording r) {
    if (r.streaming() && r.response().events() != null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (RecordedEvent ev : r.response().events()) bytes.writeBytes(ev.bytes());
      return Optional.ofNullable(new ResponseValidator().validateStream(bytes.toByteArray()).message());
    }
    byte[] body = r.response().body();
    if (body == null) return Optional.empty();
    try {
      JsonNode j = JSON.readTree(body);
      return j != null && "message".equals(j.path("type").asText()) ? Optional.of(j) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The tokens a Message reports, or empty when it has no usage object. */
  public static Optional<TokenCount> tokens(JsonNode message) {
    JsonNode u = message.path("usage");
    return u.isObject() ? Optional.of(TokenCount.ofUsage(u)) : Optional.empty();
  }

  /** Whether the answer used a server tool (web search, web fetch), which is billed per use on top of tokens. */
  public static boolean serverTools(JsonNode message) {
    JsonNode s = message.path("usage").path("server_tool_use");
    if (!s.isObject()) return false;
    for (JsonNode v : s) {
      if (v.asLong(0) > 0) return true;
    }
    return false;
  }
}
