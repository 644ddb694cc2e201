package dev.relaytck.recordings.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error replies shaped like the official API's (docs: api/errors), with the headers the
 * official API sends beside them (ISSUE_EVIDENCE.md of the corpus): {@code request-id},
 * {@code x-should-retry}, and {@code retry-after} on 429. Part of the format, beside
 * {@link FaultSpec}: the replay upstream answers a fault with these, and the kit's scenario
 * catalog expects exactly these for the faults it asks for, without depending on the server.
 */
public final class AnthropicErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] ID_CHARS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private AnthropicErrors() {}

  /** The error type the official API pairs with an HTTP status (the fault grammar's table). */
  public static String typeFor(int status) {
    return FaultSpec.typeFor(status);
  }

  public static String defaultMessage(String type) {
    return switch (type) {
      case "overloaded_error" -> "Overloaded";
      case "api_error" -> "Internal server error";
      case "request_too_large" -> "Request exceeds the maximum size";
      case "rate_limit_error" -> "Number of request tokens has exceeded your per-minute rate limit";
      case "authentication_error" -> "invalid x-api-key";
      case "timeout_error" -> "Request timed out";
      default -> type.replace('_', ' ');
    };
  }

  /** Whether the official API tells SDKs to retry this status. */
  public static boolean shouldRetry(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /**
   * A fresh id in the official {@code req_…} form, so replies never share one. It must be fresh,
   * not secret: {@code SecureRandom} takes a process-wide lock and a SHA-1 step per call (24 a
   * reply), which showed in the replay server's profile under load.
   */
  public static String newRequestId() {
    char[] id = new char[24];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[ThreadLocalRandom.current().nextInt(ID_CHARS.length)];
    }
    return "req_011C" + new String(id);
  }

  /** A complete error reply for a status. */
  public static Reply reply(int status, String type, String message) {
    String requestId = newRequestId();
    ObjectNode error = JSON.createObjectNode();
    // The edge answers 413 before the API sees the request: no top-level type, no request_id.
    if (status != 413) {
      error.put("type", "error");
    }
    ObjectNode detail = error.putObject("error");
    detail.put("type", type);
    detail.put("message", message == null ? defaultMessage(type) : message);
    if (status != 413) {
      error.put("request_id", requestId);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("request-id", requestId);
    headers.put("x-should-retry", Boolean.toString(shouldRetry(status)));
    if (status == 429) {
      headers.put("retry-after", "1");
    }
    return new Reply(status, headers, error.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code event: error} a stream ends with when the API fails mid-stream, padded like the server does. */
  public static byte[] errorEvent(String type) {
    ObjectNode data = JSON.createObjectNode();
    data.put("type", "error");
    ObjectNode detail = data.putObject("error");
    detail.putNull("details");
    detail.put("type", type);
    detail.put("message", defaultMessage(type));
    return ("event: error\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Status, headers and body of a reply the server makes up itself. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {}
}
