package dev.relaytck.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.function.Function;

/**
 * ID-050: a tool-use turn with extended thinking, then the follow-up that sends the assistant's
 * content back exactly as it arrived (thinking block, signature and tool call) with the tool
 * result. Only the official API can verify a signature; a relay that minted, stripped or edited it
 * gets the follow-up rejected.
 */
public final class SignatureRoundTrip {
  private static final ObjectMapper JSON = new ObjectMapper();

  public enum Status {
    /** The follow-up was accepted. */
    ACCEPTED,
    /** The follow-up was rejected (the upstream did not accept the signature). */
    REJECTED,
    /** The first turn carried thinking without a signature. */
    UNSIGNED,
    /** No thinking or no tool call came back, or the first turn failed: nothing to judge. */
    NOTHING_TO_JUDGE
  }

  /** @param detail what happened, in words; {@code signature} the first characters of the signature seen */
  public record Result(Status status, String detail, String signature, String firstTurn, String followUp) {}

  private SignatureRoundTrip() {}

  /**
   * Hermetically: the turn of a recorded thinking scenario (its request, with the scenario marker
   * the replay upstream selects by), then the follow-up that carries the assistant's content back
   * with a new user turn and a fresh marker of the same scenario. The replay upstream accepts only
   * signatures the official API produced in its recordings.
   *
   * @param followUpMarker the marker text of the follow-up's user turn
   */
  public static Result hermetic(Function<ExchangeRequest, Exchange> send, ExchangeRequest first, String followUpMarker) {
    Exchange e1 = send.apply(first);
    JsonNode body = e1.json().orElse(null);
    if (e1.status() != 200 || body == null || !body.path("content").isArray()) {
      return new Result(Status.NOTHING_TO_JUDGE, "the first turn failed: " + e1.summary() + " " + e1.excerpt(200), null,
          e1.summary(), null);
    }
    JsonNode thinking = null;
    for (JsonNode block : body.path("content")) {
      if (block.path("type").asText().equals("thinking")) {
        thinking = block;
        break;
      }
    }
    if (thinking == null) {
      return new Result(Status.NOTHING_TO_JUDGE, "the recorded thinking answer came back without a thinking block", null, e1.summary(), null);
    }
    String signature = thinking.path("signature").asText("");
    if (signature.isEmpty()) {
      return new Result(Status.UNSIGNED, "the thinking block has no signature: the official API signs every thinking block",
          null, e1.summary(), null);
    }
    ObjectNode next;
    try {
      next = (ObjectNode) JSON.readTree(first.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ArrayNode messages = (ArrayNode) next.path("messages");
    messages.addObject().put("role", "assistant").set("content", body.path("content"));
    messages.addObject().put("role", "user").put("content", "Thank you. In one sentence, what was the key step? " + followUpMarker);
    Exchange e2 = send.apply(ExchangeRequest.postJson(first.pathAndQuery(), next.toString()));
    return judged(e1, e2, signature);
  }

  public static Result run(Function<ExchangeRequest, Exchange> send, String model) {
    ObjectNode first = JSON.createObjectNode();
    first.put("model", model);
    first.put("max_tokens", 1300);
    first.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
    ArrayNode tools = first.putArray("tools");
    ObjectNode tool = tools.addObject();
    tool.put("name", "get_weather");
    tool.put("description", "Current weather for a city.");
    ObjectNode schema = tool.putObject("input_schema");
    schema.put("type", "object");
    schema.putObject("properties").putObject("city").put("type", "string");
    schema.putArray("required").add("city");
    ArrayNode messages = first.putArray("messages");
    messages.addObject().put("role", "user").put("content", "Please call the get_weather tool with \"Paris\" and tell me what to wear.");
    Exchange e1 = send.apply(ExchangeRequest.postJson("/v1/messages", first.toString()));
    JsonNode body = e1.json().orElse(null);
    if (e1.status() != 200 || body == null || !body.path("content").isArray()) {
      return new Result(Status.NOTHING_TO_JUDGE, "the first turn failed: " + e1.summary() + " " + e1.excerpt(200), null,
          e1.summary(), null);
    }
    JsonNode thinking = null;
    JsonNode toolUse = null;
    for (JsonNode block : body.path("content")) {
      String type = block.path("type").asText();
      if (type.equals("thinking") && thinking == null) thinking = block;
      if (type.equals("tool_use") && toolUse == null) toolUse = block;
    }
    if (thinking == null || toolUse == null) {
      return new Result(Status.NOTHING_TO_JUDGE, "the first turn returned " + (thinking == null ? "no thinking block" : "no tool call")
          + " (a model without extended thinking, or it answered directly): nothing to send back", null, e1.summary(), null);
    }
    String signature = thinking.path("signature").asText("");
    if (signature.isEmpty()) {
      return new Result(Status.UNSIGNED, "the thinking block has no signature: the official API signs every thinking block",
          null, e1.summary(), null);
    }
    messages.addObject().put("role", "assistant").set("content", body.path("content"));
    ObjectNode result = JSON.createObjectNode();
    result.put("type", "tool_result");
    result.put("tool_use_id", toolUse.path("id").asText());
    result.put("content", "14 degrees C, light rain");
    messages.addObject().put("role", "user").putArray("content").add(result);
    Exchange e2 = send.apply(ExchangeRequest.postJson("/v1/messages", first.toString()));
    return judged(e1, e2, signature);
  }

  private static Result judged(Exchange e1, Exchange e2, String signature) {
    String sig = signature.length() > 12 ? signature.substring(0, 12) + "…" : signature;
    if (e2.status() == 200) {
      return new Result(Status.ACCEPTED, "the follow-up with the signed thinking block was accepted", sig, e1.summary(), e2.summary());
    }
    String error = e2.json().map(j -> j.path("error").path("message").asText("")).orElse(e2.excerpt(200));
    if (e2.status() == 400) {
      return new Result(Status.REJECTED, "the follow-up that sent the thinking block back unchanged was rejected with 400: " + error,
          sig, e1.summary(), e2.summary());
    }
    return new Result(Status.NOTHING_TO_JUDGE, "the follow-up failed with " + e2.status() + ": " + error, sig, e1.summary(), e2.summary());
  }
}
